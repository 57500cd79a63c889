"""ficlens.fandoms"""
