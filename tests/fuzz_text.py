"""Generated hostile text for the fuzz tests: random code points and sprinkled noise."""

import random


def random_unicode(rng: random.Random, size: int) -> str:
    """Any code points but surrogates, weighted towards the planes people actually type in."""
    chars = []
    for _ in range(size):
        top = rng.choice([0x7F, 0xFF, 0x2FFF, 0xFFFF, 0x10FFFF])
        point = rng.randint(0, top)
        while 0xD800 <= point <= 0xDFFF:
            point = rng.randint(0, top)
        chars.append(chr(point))
    return "".join(chars)


def sprinkle(rng: random.Random, text: str, noise: str, times: int = 4) -> str:
    """The text with 1 to `times` characters of `noise` inserted at random places."""
    chars = list(text)
    for _ in range(rng.randint(1, times)):
        chars.insert(rng.randint(0, len(chars)), rng.choice(noise))
    return "".join(chars)
