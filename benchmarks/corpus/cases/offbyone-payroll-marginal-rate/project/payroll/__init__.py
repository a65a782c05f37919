"""Progressive income tax and payslip withholding."""

from payroll.brackets import Bracket, Schedule
from payroll.payslip import Payslip

__all__ = ["Bracket", "Payslip", "Schedule"]
