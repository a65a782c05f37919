from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Dict, List

CENT = Decimal("0.01")


@dataclass(frozen=True)
class Line:
    description: str
    unit_price: Decimal
    quantity: int = 1
    tax_rate: Decimal = Decimal("0.19")

    @property
    def amount(self) -> Decimal:
        return self.unit_price * self.quantity


@dataclass
class Invoice:
    number: str
    issued: date
    payment_terms_days: int = 30
    lines: List[Line] = field(default_factory=list)

    @property
    def due(self) -> date:
        return self.issued + timedelta(days=self.payment_terms_days)

    def net_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0"))

    def tax_by_rate(self) -> Dict[Decimal, Decimal]:
        """Tax owed per rate, each rounded to the cent."""
        taxes: Dict[Decimal, Decimal] = {}
        for line in self.lines:
            taxes[line.tax_rate] = taxes.get(line.tax_rate, Decimal("0")) + line.unit_price * line.tax_rate
        return {rate: amount.quantize(CENT, ROUND_HALF_EVEN) for rate, amount in taxes.items()}

    def gross_total(self) -> Decimal:
        return self.net_total() + sum(self.tax_by_rate().values(), Decimal("0"))

    def summary(self) -> str:
        rows = [f"Invoice {self.number}  due {self.due.isoformat()}"]
        for line in self.lines:
            rows.append(f"  {line.description:<20} {line.quantity:>3} x {line.unit_price:>8} = {line.amount:>9}")
        for rate, tax in sorted(self.tax_by_rate().items()):
            rows.append(f"  VAT {rate * 100:.0f}%{'':<16} {tax:>24}")
        rows.append(f"  Total{'':<19} {self.gross_total():>24}")
        return "\n".join(rows)
