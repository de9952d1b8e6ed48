package tasking

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// ErrIncomparable is returned when two prices are in units that cannot be
// converted into each other (EUR and USD, money and quota units): eotask
// never converts between them.
var ErrIncomparable = errors.New("prices in different units cannot be compared")

// Price is what a provider asks for an order: an amount of money in a
// currency, or an amount of the provider's own unit (Planet's quota units,
// credits). Exactly one of Currency and Unit is set on a price that was read;
// Text keeps the provider's own rendering when it sent one.
type Price struct {
	Amount   float64 // in Currency or Unit
	Currency string  // ISO 4217 code ("USD", "EUR") when the price is money
	Unit     string  // the provider's unit when it is not money ("quota units")
	Text     string  // the provider's text, unchanged ("$1,000.00")
}

// Money returns a price of amount in an ISO 4217 currency.
func Money(amount float64, currency string) *Price {
	return &Price{Amount: amount, Currency: strings.ToUpper(currency)}
}

// Units returns a price in a provider's own, non-money unit.
func Units(amount float64, unit string) *Price { return &Price{Amount: amount, Unit: unit} }

// currencySymbols are the symbols ParsePrice reads as currencies.
var currencySymbols = [...]struct{ symbol, code string }{{"US$", "USD"}, {"$", "USD"}, {"€", "EUR"}, {"£", "GBP"}}

// ParsePrice reads a money string: an amount with an optional currency
// symbol or ISO 4217 code in front or behind ("$1,000.00", "USD 12.5",
// "12.50 EUR", "€12"). The amount is digits with an optional "." decimal
// part; "," may only separate groups of three digits. Anything else (a
// missing or negative amount, a decimal comma, exponents, NaN, two
// currencies) is an error naming the rule, so that a price is never read
// wrongly. A string with no currency gets Currency defaultCurrency, or an
// error when that is empty. Text keeps s.
func ParsePrice(s, defaultCurrency string) (*Price, error) {
	text := strings.TrimSpace(s)
	if text == "" {
		return nil, errors.New("price: empty text")
	}
	num, currency := text, ""
	for _, cs := range currencySymbols {
		if rest, ok := strings.CutPrefix(num, cs.symbol); ok {
			num, currency = strings.TrimSpace(rest), cs.code
			break
		}
	}
	if f := strings.Fields(num); len(f) == 0 {
		return nil, fmt.Errorf("price %q: no amount", text)
	} else if len(f) == 2 {
		code, amount := f[0], f[1]
		if isCurrencyCode(f[1]) {
			code, amount = f[1], f[0]
		}
		if !isCurrencyCode(code) {
			return nil, fmt.Errorf("price %q: %q is not an ISO 4217 currency code", text, code)
		}
		if currency != "" && currency != code {
			return nil, fmt.Errorf("price %q: two currencies (%s and %s)", text, currency, code)
		}
		num, currency = amount, code
	} else if len(f) != 1 {
		return nil, fmt.Errorf("price %q: want an amount with at most one currency", text)
	}
	if currency == "" {
		if defaultCurrency == "" {
			return nil, fmt.Errorf("price %q: no currency", text)
		}
		currency = strings.ToUpper(defaultCurrency)
	}
	amount, err := parseAmount(num)
	if err != nil {
		return nil, fmt.Errorf("price %q: %w", text, err)
	}
	return &Price{Amount: amount, Currency: currency, Text: text}, nil
}

func isCurrencyCode(s string) bool {
	if len(s) != 3 {
		return false
	}
	for _, r := range s {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// parseAmount reads digits, optional thousands commas (groups of three) and
// an optional "." with decimals.
func parseAmount(s string) (float64, error) {
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" {
		return 0, errors.New("amount: want digits before the decimal point")
	}
	if hasFrac && (frac == "" || !allDigits(frac)) {
		return 0, fmt.Errorf("amount %q: want digits after the decimal point", s)
	}
	if strings.Contains(whole, ",") {
		groups := strings.Split(whole, ",")
		if len(groups[0]) == 0 || len(groups[0]) > 3 {
			return 0, fmt.Errorf("amount %q: \",\" must separate groups of three digits", s)
		}
		for _, g := range groups[1:] {
			if len(g) != 3 {
				return 0, fmt.Errorf("amount %q: \",\" must separate groups of three digits", s)
			}
		}
		whole = strings.Join(groups, "")
	}
	if !allDigits(whole) {
		return 0, fmt.Errorf("amount %q: want a non-negative decimal number", s)
	}
	v, err := strconv.ParseFloat(whole+"."+frac+"0", 64)
	if err != nil {
		return 0, fmt.Errorf("amount %q: %w", s, err)
	}
	return v, nil
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// IsMoney reports whether p is an amount of money (it has a Currency).
func (p *Price) IsMoney() bool { return p != nil && p.Currency != "" }

// unit is what p is counted in: its currency or its unit.
func (p *Price) unit() string {
	if p.Currency != "" {
		return "currency " + p.Currency
	}
	return "unit " + strings.ToLower(p.Unit)
}

// Compare orders p before q when it is cheaper: -1, 0 or +1. Prices in
// different currencies or units are not converted: the error matches
// ErrIncomparable. Prices with no amount (only Text) are incomparable too.
func (p *Price) Compare(q *Price) (int, error) {
	switch {
	case p == nil || q == nil:
		return 0, fmt.Errorf("%w: a price is missing", ErrIncomparable)
	case p.Currency == "" && p.Unit == "", q.Currency == "" && q.Unit == "":
		return 0, fmt.Errorf("%w: %s or %s has no currency or unit", ErrIncomparable, p, q)
	case p.unit() != q.unit():
		return 0, fmt.Errorf("%w: %s and %s", ErrIncomparable, p.unit(), q.unit())
	}
	switch {
	case p.Amount < q.Amount:
		return -1, nil
	case p.Amount > q.Amount:
		return 1, nil
	}
	return 0, nil
}
