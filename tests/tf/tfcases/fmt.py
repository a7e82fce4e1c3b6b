def shape_text(shape) -> str:
    return '[' + ', '.join(str(d) for d in shape) + ']'
