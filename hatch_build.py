"""Compile walkapp's gettext catalogues (.po to .mo) whenever the package is built or installed."""

from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTranslations(BuildHookInterface):
    PLUGIN_NAME = "custom"

    def initialize(self, version, build_data):
        from babel.messages.mofile import write_mo
        from babel.messages.pofile import read_po

        root = Path(self.root) / "walkapp" / "translations"
        for po_path in root.glob("*/LC_MESSAGES/messages.po"):
            with po_path.open("rb") as po_file:
                catalog = read_po(po_file)
            with po_path.with_suffix(".mo").open("wb") as mo_file:
                write_mo(mo_file, catalog)
            # The .mo files are git-ignored build products: ship them in wheels explicitly.
            relative = po_path.with_suffix(".mo").relative_to(self.root).as_posix()
            build_data.setdefault("force_include", {})[str(po_path.with_suffix(".mo"))] = relative
