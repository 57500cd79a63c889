"""ficlens.batch"""
