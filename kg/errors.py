"""kg's exceptions. Messages say what went wrong and what to do about it."""


class KgError(Exception):
    """Base of every error kg raises on purpose."""


class ModelNotFound(KgError):
    """The spaCy pipeline named by the user is not installed."""


class ArticleError(KgError):
    """One article cannot be read or used; the build reports it and goes on with the others."""

    def __init__(self, path: str, problem: str, advice: str = "") -> None:
        self.path, self.problem, self.advice = path, problem, advice
        super().__init__(f"{path}: {problem}" + (f" ({advice})" if advice else ""))


class NoArticles(KgError):
    """Nothing could be built: no readable article among the sources."""


class QueryError(KgError):
    """A SPARQL query could not be run (bad syntax, missing graph file)."""
