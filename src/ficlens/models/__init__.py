"""ficlens.models"""
