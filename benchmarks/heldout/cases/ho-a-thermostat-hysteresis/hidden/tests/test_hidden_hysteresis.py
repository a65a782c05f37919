from thermo import Mode, Thermostat


def test_heater_turns_on_exactly_at_lower_edge():
    t = Thermostat(20.0, band=0.5)
    assert t.update(19.6) is False
    assert t.update(19.5) is True


def test_running_heater_keeps_running_inside_band():
    t = Thermostat(20.0, band=0.5)
    t.update(19.0)
    assert t.update(20.3) is True
    assert t.update(20.5) is False


def test_zero_band_switches_at_target():
    t = Thermostat(20.0, band=0.0)
    assert t.update(20.1) is False
    assert t.update(19.9) is True
    assert t.update(20.1) is False


def test_switching_mode_resets_output():
    t = Thermostat(20.0, band=0.5)
    t.update(15.0)
    t.set_mode(Mode.OFF)
    assert t.running is False
    assert t.update(10.0) is False
