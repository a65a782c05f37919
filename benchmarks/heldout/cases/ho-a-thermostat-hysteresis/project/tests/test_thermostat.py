from datetime import time

from thermo import Mode, Schedule, Thermostat


def test_heater_starts_when_cold():
    t = Thermostat(20.0, band=0.5)
    assert t.update(18.0) is True


def test_heater_stops_when_warm():
    t = Thermostat(20.0, band=0.5)
    t.update(18.0)
    assert t.update(21.0) is False


def test_heater_stays_off_inside_band():
    t = Thermostat(20.0, band=0.5)
    assert t.update(20.2) is False
    assert t.update(19.8) is False
    assert t.switches == 0


def test_heating_cycle_counts_switches():
    t = Thermostat(20.0, band=1.0)
    for reading in [21.5, 20.5, 19.5, 18.9, 19.5, 20.5, 21.1, 20.0]:
        t.update(reading)
    assert t.switches == 2
    assert t.running is False


def test_cooler_keeps_running_inside_band():
    t = Thermostat(24.0, band=1.0, mode=Mode.COOL)
    assert t.update(25.5) is True
    assert t.update(24.0) is True
    assert t.update(22.9) is False


def test_schedule_wraps_to_previous_day():
    s = Schedule([(time(6, 0), 21.0), (time(22, 0), 17.0)])
    assert s.setpoint_at(time(3, 0)) == 17.0
    assert s.setpoint_at(time(6, 0)) == 21.0
    assert s.setpoint_at(time(23, 30)) == 17.0
