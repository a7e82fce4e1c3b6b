"""Depthwise and transposed convolutions, PReLU, resizing, batch normalization and the converter fused ops."""
SPECS = []
