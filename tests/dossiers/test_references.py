from anef.dossiers.services import check_letter, make_reference, reference_is_valid


def test_reference_format():
    assert make_reference(2026, 123) == f"ANEF-2026-000123-{check_letter(2026, 123)}"
    assert reference_is_valid(make_reference(2026, 123))


def test_check_letter_catches_every_single_digit_error_and_adjacent_swap():
    year, number = 2026, 480_613
    good = make_reference(year, number)
    digits = f"{number:06d}"
    for i in range(6):
        for d in "0123456789":
            if d != digits[i]:
                typo = digits[:i] + d + digits[i + 1:]
                assert not reference_is_valid(f"ANEF-{year}-{typo}-{good[-1]}")
    for i in range(5):
        if digits[i] != digits[i + 1]:
            swapped = digits[:i] + digits[i + 1] + digits[i] + digits[i + 2:]
            assert not reference_is_valid(f"ANEF-{year}-{swapped}-{good[-1]}")


def test_malformed_references_are_invalid():
    for ref in ["", "ANEF", "ANEF-2026-12-A", "XXXX-2026-000123-A", "ANEF-20x6-000123-A"]:
        assert not reference_is_valid(ref)
