from pathlib import Path

from portal.translations import catalogues_compile


def pytest_configure(config):
    # `make test` compiles the catalogues too; this keeps a bare `pytest` run honest.
    catalogues_compile(root=Path(__file__).parent / "locale")
