package planet

// Unmarshal decodes data into v exactly as a Client decodes an answer (the
// transport's rules and this package's), for tests of the wire format.
func Unmarshal(data []byte, v any) error {
	c, err := New("test-key")
	if err != nil {
		return err
	}
	return c.t.Unmarshal(data, v)
}
