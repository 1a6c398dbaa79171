"""The one thing pyproject.toml cannot say: ship the checkout's top-level resources/ folder inside
the wheel as shopcrm/resources (translations, icons, fonts, sample sheets), next to every shopcrm
package found.  A `packages` list in pyproject.toml would have to name each sub-package by hand, and
one forgotten there drops a whole screen from the wheel.  Everything else is in pyproject.toml."""

from setuptools import find_namespace_packages, setup

setup(
    packages=[*find_namespace_packages(include=["shopcrm", "shopcrm.*"]), "shopcrm.resources"],
    package_dir={"shopcrm.resources": "resources"},
)
