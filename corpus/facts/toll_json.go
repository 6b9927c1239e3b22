package facts

import (
	"bytes"
	"encoding/json"
)

// tollJSON is Toll without its methods, so that MarshalJSON can use the
// default encoding.
type tollJSON Toll

// MarshalJSON writes a vague figure's count as null: "dozens" is no number
// and no reader of the JSON may take 24 for one. Low keeps the low end
// ("dozens" is at least 24), which UnmarshalJSON reads back into Count.
func (t Toll) MarshalJSON() ([]byte, error) {
	b, err := json.Marshal(tollJSON(t))
	if err != nil || t.Qualifier != Vague {
		return b, err
	}
	// a quote inside a string is escaped, so the first `,"count":` is the
	// field's own; the figure after it is digits only
	key := []byte(`,"count":`)
	i := bytes.Index(b, key)
	if i < 0 {
		return b, nil
	}
	j := i + len(key)
	k := j
	for k < len(b) && (b[k] == '-' || b[k] >= '0' && b[k] <= '9') {
		k++
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:j]...)
	out = append(out, "null"...)
	return append(out, b[k:]...), nil
}

// UnmarshalJSON reads what MarshalJSON wrote: a vague figure's Count is
// its low end again, as extraction made it.
func (t *Toll) UnmarshalJSON(b []byte) error {
	var x tollJSON
	if err := json.Unmarshal(b, &x); err != nil {
		return err
	}
	if x.Qualifier == Vague && x.Count == 0 {
		x.Count = x.Low
	}
	*t = Toll(x)
	return nil
}
