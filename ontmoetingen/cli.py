"""The ``ontmoetingen`` console script: Django's command line plus the project's commands."""

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    # --data-dir must be known before settings load, so it is read here for every command.
    for index, arg in enumerate(argv):
        if arg == "--data-dir" and index + 1 < len(argv):
            os.environ["ONTMOETINGEN_DATA_DIR"] = os.path.abspath(argv[index + 1])
        elif arg.startswith("--data-dir="):
            os.environ["ONTMOETINGEN_DATA_DIR"] = os.path.abspath(arg.split("=", 1)[1])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    # The data directory holds the SQLite database, mails and uploads; settings never write.
    data_dir = os.environ.get("ONTMOETINGEN_DATA_DIR") or "var"
    os.makedirs(data_dir, exist_ok=True)
    from django.core.management import execute_from_command_line

    argv[0] = "ontmoetingen"
    execute_from_command_line(argv)
    return 0


if __name__ == "__main__":
    sys.exit(main())
