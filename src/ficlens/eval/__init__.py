"""ficlens.eval"""
