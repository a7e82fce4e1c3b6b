"""Gathering, slicing, padding, splitting and scanning ops."""
SPECS = []
