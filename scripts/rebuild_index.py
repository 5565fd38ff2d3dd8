"""Rebuild the index from the corpus and switch to it atomically: `python scripts/rebuild_index.py [--corpus DIR]`.

The same as `newsrag rebuild`; takes the same options (--corpus, --index-dir, --chroma-url, --quiet).
"""

import sys

from rag.cli import main

if __name__ == "__main__":
    sys.exit(main(["rebuild", *sys.argv[1:]]))
