"""Demo professionals (fictional, marked "(voorbeeld)"); filled in below."""


def seed(*, scale: str, rng, stdout) -> None:
    stdout.write("  encounters: geen voorbeeldprofessionals")
