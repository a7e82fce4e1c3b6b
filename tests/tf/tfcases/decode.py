"""DecodePng, DecodeJpeg and DecodeImage on files made here: TensorFlow takes a file as a string
scalar, Tensorloom as its bytes (int32 0-255, as FileBytes gives them), so a case's input is the
file's bytes and each op turns them back into a string for TensorFlow."""
import struct
import zlib
from dataclasses import dataclass

import numpy as np
import tensorflow as tf

from .core import Case, OpSpec, rng_for

raw = tf.raw_ops


@dataclass
class FileCase(Case):
    """A case on a file's bytes. Where Tensorloom's JPEG decoder (jpeg-js, not libjpeg-turbo) gives
    other values, `tolerance` says how far, as measured against these fixtures: the largest
    difference and the largest share of values that differ at all."""
    tolerance: dict | None = None


def file_case(title, data: bytes, attrs=None, atol=None, differing=None, why=None):
    tolerance = None if atol is None else {'atol': atol, 'differing': differing, 'why': why}
    contents = np.frombuffer(data, np.uint8).astype(np.int32)
    return FileCase(title, {'contents': contents}, attrs or {}, tolerance=tolerance)


def contents(i) -> tf.Tensor:
    return tf.constant(i['contents'].numpy().astype(np.uint8).tobytes())


def as_int32(image: tf.Tensor) -> tf.Tensor:
    """uint8 and uint16 as Tensorloom gives them: int32 (tfjs has neither)."""
    return image if image.dtype == tf.float32 else tf.cast(image, tf.int32)


# Files


def scene(rng, h, w, channels=3) -> np.ndarray:
    """Smooth gradients, a few hard-edged disks and some noise: what a JPEG's IDCT and chroma
    upsampling are sensitive to."""
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    img = np.stack([128 + 90 * np.sin(x / (3 + c) + c) * np.cos(y / (4 + c)) for c in range(channels)], -1)
    for _ in range(3):
        cy, cx, r = rng.integers(0, h), rng.integers(0, w), rng.integers(2, 6)
        img[(y - cy) ** 2 + (x - cx) ** 2 < r * r] = rng.integers(0, 256, channels)
    img += rng.normal(0, 8, img.shape)
    return np.clip(img, 0, 255).astype(np.uint8)


def png_file(width, height, color_type, bit_depth, rows: bytes, extra=b'', interlaced=False) -> bytes:
    """A PNG of the given rows (filter bytes included), with extra chunks (PLTE, tRNS) before IDAT:
    the layouts TensorFlow's encoder cannot write."""
    header = struct.pack('>IIBBBBB', width, height, bit_depth, color_type, 0, 0, int(interlaced))
    return (b'\x89PNG\r\n\x1a\n' + chunk(b'IHDR', header) + extra + chunk(b'IDAT', zlib.compress(rows))
            + chunk(b'IEND', b''))


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack('>I', len(data)) + kind + data + struct.pack('>I', zlib.crc32(kind + data))


def gamma(value: int) -> bytes:
    """A gAMA chunk: the file's gamma in units of 1e-5."""
    return chunk(b'gAMA', struct.pack('>I', value))


SRGB = chunk(b'sRGB', b'\0')


def packed_rows(samples: np.ndarray, bit_depth: int) -> bytes:
    """Rows of samples below 8 bits, packed from the high bit, each row after its filter byte (none)."""
    rows = b''
    for row in samples:
        bits = ''.join(format(int(v), f'0{bit_depth}b') for v in row)
        bits += '0' * (-len(bits) % 8)
        rows += b'\0' + bytes(int(bits[k:k + 8], 2) for k in range(0, len(bits), 8))
    return rows


def byte_rows(pixels: np.ndarray) -> bytes:
    """8- or 16-bit rows (big-endian), each after its filter byte (none)."""
    h = pixels.shape[0]
    flat = pixels.reshape(h, -1)
    data = flat.astype('>u2') if pixels.dtype == np.uint16 else flat
    return b''.join(b'\0' + row.tobytes() for row in data)


ADAM7 = [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)]


def interlaced_rows(samples: np.ndarray, bit_depth: int) -> bytes:
    """Adam7's seven passes of [height, width, channels] samples, each pass's rows as rows of its own."""
    passes = [samples[y0::dy, x0::dx] for x0, y0, dx, dy in ADAM7]
    return b''.join(rows_of(p, bit_depth) for p in passes if p.size)


def rows_of(samples: np.ndarray, bit_depth: int) -> bytes:
    return byte_rows(samples) if bit_depth >= 8 else packed_rows(samples[..., 0], bit_depth)


def bmp_file(pixels: np.ndarray, top_down=False) -> bytes:
    """An uncompressed BMP (BITMAPINFOHEADER) of gray, BGR or BGRA pixels, rows padded to 4 bytes."""
    h, w, c = pixels.shape
    order = pixels if c == 1 else pixels[..., [2, 1, 0, 3][:c]]
    row_size = (c * w + 3) // 4 * 4
    rows = [order[y].tobytes().ljust(row_size, b'\0') for y in (range(h) if top_down else reversed(range(h)))]
    offset = 14 + 40 + (1024 if c == 1 else 0)
    palette = b''.join(bytes([g, g, g, 0]) for g in range(256)) if c == 1 else b''
    info = struct.pack('<IiiHHIIiiII', 40, w, -h if top_down else h, 1, 8 * c, 0, row_size * h, 2835, 2835, 0, 0)
    return b'BM' + struct.pack('<IHHI', offset + row_size * h, 0, 0, offset) + info + palette + b''.join(rows)


def jpeg(image, **options) -> bytes:
    return tf.io.encode_jpeg(image, **options).numpy()


def png(image) -> bytes:
    return tf.io.encode_png(image).numpy()


GARBAGE = b'not an image, just some bytes'
# Why a case's JPEG may differ from TensorFlow's.
FAST = "jpeg-js's IDCT against libjpeg-turbo's INTEGER_FAST (TensorFlow's default)"
ACCURATE = "jpeg-js's IDCT against libjpeg-turbo's INTEGER_ACCURATE"
REDUCED = "block means against libjpeg-turbo's reduced IDCTs"


# DecodePng


def decode_png(i, a):
    return {'image': as_int32(raw.DecodePng(contents=contents(i), channels=a.get('channels', 0),
                                            dtype=tf.uint16 if a.get('dtype') == 'uint16' else tf.uint8))}


def png_cases():
    rng = rng_for('DecodePng')
    rgb = rng.integers(0, 256, (3, 4, 3), dtype=np.uint8)
    rgba = rng.integers(0, 256, (2, 3, 4), dtype=np.uint8)
    gray = rng.integers(0, 256, (3, 2, 1), dtype=np.uint8)
    gray_alpha = rng.integers(0, 256, (2, 3, 2), dtype=np.uint8)
    rgb16 = rng.integers(0, 65536, (2, 3, 3), dtype=np.uint16)
    gray16 = rng.integers(0, 65536, (3, 2, 1), dtype=np.uint16)
    ga16 = rng.integers(0, 65536, (2, 2, 2), dtype=np.uint16)
    # Gray pixels among colored ones: libpng keeps those as they are.
    rgb[0, 0] = [90, 90, 90]
    rgb16[0, 0] = [4000, 4000, 4000]
    palette = rng.integers(0, 256, (5, 3), dtype=np.uint8)
    indices = rng.integers(0, 5, (3, 5))
    plte = chunk(b'PLTE', palette.tobytes())
    palette_rows = byte_rows(indices.astype(np.uint8))
    trns = chunk(b'tRNS', bytes([0, 128, 255]))
    key_gray = rng.integers(0, 256, (2, 4, 1), dtype=np.uint8)
    key_gray[0, 1] = key_gray[1, 2] = 77
    key_rgb = rng.integers(0, 256, (2, 3, 3), dtype=np.uint8)
    key_rgb[1, 1] = [10, 20, 30]
    key_rgb16 = rng.integers(0, 65536, (2, 2, 3), dtype=np.uint16)
    key_rgb16[0, 1] = [1000, 2000, 3000]
    low = lambda depth: rng.integers(0, 2 ** depth, (3, 5))
    rgb_stating = lambda extra: png_file(4, 3, 2, 8, byte_rows(rgb), extra)
    interlaced_rgb = rng.integers(0, 256, (5, 7, 3), dtype=np.uint8)
    interlaced_gray = rng.integers(0, 4, (6, 9, 1), dtype=np.uint8)
    whole = png(rgb)
    return [
        file_case('RGB as it is', whole),
        file_case('RGB to gray by libpng\'s weights', whole, {'channels': 1}),
        file_case('RGB with alpha added', whole, {'channels': 4}),
        file_case('RGB as uint16: ×257', whole, {'dtype': 'uint16'}),
        file_case('RGBA as it is', png(rgba)),
        file_case('RGBA, alpha dropped', png(rgba), {'channels': 3}),
        file_case('RGBA to gray', png(rgba), {'channels': 1}),
        file_case('gray as it is', png(gray)),
        file_case('gray to RGB', png(gray), {'channels': 3}),
        file_case('gray to RGBA', png(gray), {'channels': 4}),
        file_case('gray + alpha as it is', png(gray_alpha)),
        file_case('gray + alpha, alpha dropped', png(gray_alpha), {'channels': 1}),
        file_case('gray + alpha to RGBA', png(gray_alpha), {'channels': 4}),
        file_case('16-bit RGB as uint16', png(rgb16), {'dtype': 'uint16'}),
        file_case('16-bit RGB as uint8: the high byte', png(rgb16)),
        file_case('16-bit RGB to gray as uint16 (rounded)', png(rgb16), {'channels': 1, 'dtype': 'uint16'}),
        file_case('16-bit RGB to gray as uint8', png(rgb16), {'channels': 1}),
        file_case('16-bit gray to RGBA as uint16', png(gray16), {'channels': 4, 'dtype': 'uint16'}),
        file_case('16-bit gray + alpha as uint8', png(ga16)),
        file_case('palette as RGB', png_file(5, 3, 3, 8, palette_rows, plte)),
        file_case('palette with tRNS as RGBA', png_file(5, 3, 3, 8, palette_rows, plte + trns)),
        file_case('palette with tRNS, channels 3', png_file(5, 3, 3, 8, palette_rows, plte + trns), {'channels': 3}),
        file_case('palette to gray', png_file(5, 3, 3, 8, palette_rows, plte), {'channels': 1}),
        file_case("4-bit palette to RGBA: alpha 15, libpng's filler",
                  png_file(5, 3, 3, 4, packed_rows(indices, 4), plte), {'channels': 4}),
        file_case('2-bit palette with tRNS as uint16', png_file(5, 3, 3, 2, packed_rows(indices % 4, 2), plte + trns),
                  {'dtype': 'uint16'}),
        file_case('1-bit gray', png_file(5, 3, 0, 1, packed_rows(low(1), 1))),
        file_case('2-bit gray to RGB', png_file(5, 3, 0, 2, packed_rows(low(2), 2)), {'channels': 3}),
        file_case('4-bit gray to RGBA: alpha 15', png_file(5, 3, 0, 4, packed_rows(low(4), 4)), {'channels': 4}),
        file_case('gray with a tRNS key to RGBA', png_file(4, 2, 0, 8, byte_rows(key_gray), chunk(b'tRNS', b'\0\x4d')),
                  {'channels': 4}),
        file_case('gray with a tRNS key as it is', png_file(4, 2, 0, 8, byte_rows(key_gray), chunk(b'tRNS', b'\0\x4d'))),
        file_case('RGB with a tRNS key to RGBA', png_file(3, 2, 2, 8, byte_rows(key_rgb),
                                                          chunk(b'tRNS', struct.pack('>HHH', 10, 20, 30))),
                  {'channels': 4}),
        file_case('16-bit RGB with a tRNS key to RGBA as uint8',
                  png_file(2, 2, 2, 16, byte_rows(key_rgb16), chunk(b'tRNS', struct.pack('>HHH', 1000, 2000, 3000))),
                  {'channels': 4}),
        file_case('Adam7-interlaced RGB', png_file(7, 5, 2, 8, interlaced_rows(interlaced_rgb, 8), interlaced=True)),
        file_case('Adam7-interlaced 2-bit gray to RGB', png_file(9, 6, 0, 2, interlaced_rows(interlaced_gray, 2),
                                                                  interlaced=True), {'channels': 3}),
        file_case('to gray in linear light: gAMA 0.45455', rgb_stating(gamma(45455)), {'channels': 1}),
        file_case('to gray in linear light: sRGB', rgb_stating(SRGB), {'channels': 1}),
        file_case('to gray, gAMA 1.0: as stored', rgb_stating(gamma(100000)), {'channels': 1}),
        file_case('to gray, gAMA 0.8, with alpha', png_file(3, 2, 6, 8, byte_rows(rgba), gamma(80000)), {'channels': 1}),
        file_case('palette to gray with sRGB', png_file(5, 3, 3, 8, palette_rows, plte + SRGB), {'channels': 1}),
        file_case('to RGB, sRGB changes nothing', rgb_stating(SRGB)),
        file_case('a JPEG decodes too', jpeg(scene(rng, 9, 11), quality=90), atol=4, differing=0.8, why=FAST),
        file_case('channels 2', whole, {'channels': 2}),
        file_case('not an image', GARBAGE),
        file_case('empty', b''),
        file_case('cut inside its image data', whole[:len(whole) // 2]),
        file_case('cut before IEND', whole[:-12]),
        file_case('a damaged IDAT (CRC)', whole[:-20] + bytes([whole[-20] ^ 1]) + whole[-19:]),
        file_case('a BMP', bmp_file(rgb)),
    ]


# DecodeJpeg


def decode_jpeg(i, a):
    return {'image': as_int32(raw.DecodeJpeg(
        contents=contents(i), channels=a.get('channels', 0), ratio=a.get('ratio', 1),
        fancy_upscaling=a.get('fancy_upscaling', True), try_recover_truncated=a.get('try_recover_truncated', False),
        acceptable_fraction=a.get('acceptable_fraction', 1.0), dct_method=a.get('dct_method', '')))}



def jpeg_cases():
    rng = rng_for('DecodeJpeg')
    color = scene(rng, 19, 21)
    q75 = jpeg(color, quality=75)
    q95 = jpeg(color, quality=95)
    full_chroma = jpeg(color, quality=90, chroma_downsampling=False)
    progressive = jpeg(color, quality=85, progressive=True)
    gray = jpeg(scene(rng, 13, 18, 1), quality=90)
    return [
        file_case('4:2:0, quality 75', q75, atol=4, differing=0.75, why=FAST),
        file_case('4:2:0, quality 95', q95, atol=10, differing=0.83, why=FAST),
        file_case('4:2:0, INTEGER_ACCURATE', q75, {'dct_method': 'INTEGER_ACCURATE'}, atol=3, differing=0.15,
                  why=ACCURATE),
        file_case('4:2:0, INTEGER_FAST', q75, {'dct_method': 'INTEGER_FAST'}, atol=4, differing=0.75, why=FAST),
        file_case('4:2:0 without fancy upscaling', q75, {'fancy_upscaling': False, 'dct_method': 'INTEGER_ACCURATE'},
                  atol=3, differing=0.15, why=ACCURATE),
        file_case('4:2:0 to gray', q75, {'channels': 1, 'dct_method': 'INTEGER_ACCURATE'}, atol=1, differing=0.08,
                  why=ACCURATE),
        file_case('4:4:4', full_chroma, {'dct_method': 'INTEGER_ACCURATE'}, atol=3, differing=0.14, why=ACCURATE),
        file_case('progressive', progressive, {'channels': 3, 'dct_method': 'INTEGER_ACCURATE'}, atol=3,
                  differing=0.14, why=ACCURATE),
        file_case('progressive, INTEGER_FAST', progressive, atol=4, differing=0.72, why=FAST),
        file_case('ratio 2', q75, {'ratio': 2}, atol=5, differing=0.69, why=REDUCED),
        file_case('ratio 4', full_chroma, {'ratio': 4}, atol=3, differing=0.27, why=REDUCED),
        file_case('ratio 8', q75, {'ratio': 8}, atol=4, differing=0.34, why=REDUCED),
        file_case('gray', gray, {'dct_method': 'INTEGER_ACCURATE'}, atol=1, differing=0.08, why=ACCURATE),
        file_case('gray to RGB', gray, {'channels': 3}, atol=2, differing=0.56, why=FAST),
        file_case('a PNG decodes too', png(color[:4, :5])),
        file_case('channels 4', q75, {'channels': 4}),
        file_case('ratio 3', q75, {'ratio': 3}),
        file_case('not an image', GARBAGE),
        file_case('cut inside its header', q75[:100]),
        file_case('cut inside its image data', q75[:-40]),
        file_case('without its end marker', q75[:-2]),
    ]


# DecodeImage


DTYPES = {'uint8': tf.uint8, 'uint16': tf.uint16, 'float32': tf.float32}


def decode_image(i, a):
    return {'image': as_int32(raw.DecodeImage(contents=contents(i), channels=a.get('channels', 0),
                                              dtype=DTYPES[a.get('dtype', 'uint8')],
                                              expand_animations=a.get('expand_animations', True)))}


def image_cases():
    rng = rng_for('DecodeImage')
    rgb = rng.integers(0, 256, (3, 4, 3), dtype=np.uint8)
    rgb16 = rng.integers(0, 65536, (2, 3, 3), dtype=np.uint16)
    rgba = rng.integers(0, 256, (3, 5, 4), dtype=np.uint8)
    gray = rng.integers(0, 256, (3, 2, 1), dtype=np.uint8)
    color = jpeg(scene(rng, 10, 12), quality=90)
    return [
        file_case('PNG', png(rgb)),
        file_case('PNG as uint16', png(rgb), {'dtype': 'uint16'}),
        file_case('PNG as float32', png(rgb), {'dtype': 'float32'}),
        file_case('16-bit PNG as float32', png(rgb16), {'dtype': 'float32'}),
        file_case('PNG to gray as float32', png(rgb), {'channels': 1, 'dtype': 'float32'}),
        file_case('PNG, expand_animations off', png(rgba), {'expand_animations': False}),
        file_case('JPEG', color, atol=4, differing=0.75, why=FAST),
        file_case('JPEG as uint16: ×256', color, {'dtype': 'uint16'}, atol=4 * 256, differing=0.75, why=FAST),
        file_case('JPEG as float32', color, {'dtype': 'float32'}, atol=4 / 255, differing=0.75, why=FAST),
        file_case('BMP, 24 bits', bmp_file(rgb)),
        file_case('BMP, 32 bits, alpha dropped', bmp_file(rgba), {'channels': 3}),
        file_case('BMP, 32 bits', bmp_file(rgba)),
        file_case('BMP, 24 bits to RGBA', bmp_file(rgb), {'channels': 4}),
        file_case('BMP, 8-bit gray', bmp_file(gray)),
        file_case('BMP, 8-bit gray to RGB as uint16', bmp_file(gray), {'channels': 3, 'dtype': 'uint16'}),
        file_case('BMP, top-down rows', bmp_file(rgba, top_down=True)),
        file_case('BMP as float32', bmp_file(rgb), {'dtype': 'float32'}),
        file_case('BMP to gray', bmp_file(rgb), {'channels': 1}),
        file_case('BMP with bytes after its pixels', bmp_file(rgb) + b'\0\0\0\0'),
        file_case('channels 2', png(rgb), {'channels': 2}),
        file_case('JPEG to RGBA', color, {'channels': 4}),
        file_case('not an image', GARBAGE),
        file_case('empty', b''),
        file_case('a PNG cut short', png(rgb)[:40]),
    ]


SPECS = [
    OpSpec('DecodePng', decode_png, png_cases(), differentiable=False),
    OpSpec('DecodeJpeg', decode_jpeg, jpeg_cases(), differentiable=False),
    OpSpec('DecodeImage', decode_image, image_cases(), differentiable=False),
]
