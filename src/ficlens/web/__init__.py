"""ficlens.web"""
