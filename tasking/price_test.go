package tasking_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/eotask/eotask/tasking"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParsePrice(t *testing.T) {
	ok := []struct {
		in       string
		def      string
		amount   float64
		currency string
	}{
		{"$1,000.00", "", 1000, "USD"},
		{"$ 12.5", "", 12.5, "USD"},
		{"US$3", "", 3, "USD"},
		{"€12", "", 12, "EUR"},
		{"£0.99", "", 0.99, "GBP"},
		{"USD 12.5", "", 12.5, "USD"},
		{"12.50 EUR", "", 12.5, "EUR"},
		{"1,234,567.89 USD", "", 1234567.89, "USD"},
		{"  42  ", "eur", 42, "EUR"},
	}
	for _, c := range ok {
		p, err := tasking.ParsePrice(c.in, c.def)
		require.NoError(t, err, c.in)
		assert.Equal(t, c.amount, p.Amount, c.in)
		assert.Equal(t, c.currency, p.Currency, c.in)
		assert.Equal(t, strings.TrimSpace(c.in), p.Text, "Text keeps the provider's text")
		assert.True(t, p.IsMoney())
	}
	bad := map[string]string{
		"":             "empty",
		"$":            "no amount",
		"USD":          "no currency",
		"$1,00.00":     "groups of three",
		"$,100":        "groups of three",
		"1.000,00 EUR": "decimal point",
		"12..5 USD":    "decimal",
		"12. USD":      "after the decimal point",
		"-5 USD":       "non-negative",
		"1e5 USD":      "non-negative decimal",
		"NaN USD":      "non-negative decimal",
		"Inf EUR":      "non-negative decimal",
		"$5 EUR":       "two currencies",
		"12 usd":       "ISO 4217",
		"12 EUR extra": "at most one currency",
		"12":           "no currency",
		"0x10 USD":     "non-negative decimal",
	}
	for in, want := range bad {
		p, err := tasking.ParsePrice(in, "")
		require.Error(t, err, "%q parsed as %v", in, p)
		assert.Contains(t, err.Error(), want, in)
	}
}

func TestPriceCompareNeverConverts(t *testing.T) {
	eur, usd := tasking.Money(10, "EUR"), tasking.Money(5, "USD")
	_, err := eur.Compare(usd)
	assert.ErrorIs(t, err, tasking.ErrIncomparable)
	_, err = eur.Compare(tasking.Units(3, "quota units"))
	assert.ErrorIs(t, err, tasking.ErrIncomparable)
	_, err = eur.Compare(&tasking.Price{Text: "call us"})
	assert.ErrorIs(t, err, tasking.ErrIncomparable)
	_, err = eur.Compare(nil)
	assert.True(t, errors.Is(err, tasking.ErrIncomparable))
	c, err := eur.Compare(tasking.Money(12, "eur"))
	require.NoError(t, err)
	assert.Equal(t, -1, c)
	c, err = tasking.Units(3, "Quota Units").Compare(tasking.Units(3, "quota units"))
	require.NoError(t, err)
	assert.Equal(t, 0, c)
	assert.Equal(t, "10.00 EUR", eur.String())
	assert.Equal(t, "3 quota units", tasking.Units(3, "quota units").String())
}
