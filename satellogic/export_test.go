package satellogic

import "sync"

var decoder = sync.OnceValue(func() *Client {
	c, err := New(Credentials{ClientID: "id", ClientSecret: "secret", ContractID: "c"})
	if err != nil {
		panic(err)
	}
	return c
})

// Decode decodes data into v exactly as a client reads an answer: encoding/json/v2
// with the transport's rules and this package's lenient target.
func Decode(data []byte, v any) error { return decoder().tc.Unmarshal(data, v) }
