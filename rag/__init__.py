"""newsrag: cited answers from a news archive.

    >>> import rag
    >>> answer = rag.ask("When did North Korea blow up the liaison office?")
    >>> print(answer.text, answer.citations[0].url)
"""

from rag.answering import Answer, Citation
from rag.articles import Article
from rag.chat import Assistant, ask
from rag.config import Config

__all__ = ["Answer", "Article", "Assistant", "Citation", "Config", "ask"]
