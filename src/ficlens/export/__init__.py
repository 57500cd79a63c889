"""ficlens.export"""
