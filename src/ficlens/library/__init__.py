"""ficlens.library"""
