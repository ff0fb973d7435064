"""The one error a stage raises for input it cannot handle: it names the file and the reason."""


class IngestError(Exception):
    def __init__(self, path, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")
