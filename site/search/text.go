package search

import "fmt"

// Search files carry their deflate-raw bytes as a JavaScript string in
// base-92: printable ASCII without '"', '\' and '<', so the text can end
// neither the string nor a script, whatever the bytes, and survives any
// ASCII-compatible charset a server might claim. Each pair of characters
// holds 13 bits (92² = 8464 ≥ 2¹³), 1.23 characters a byte against
// base64's 1.33; a last lone character holds the final 6 bits or fewer.
// search.js's bytesOf is the same decoder, line for line.
const textBase = 92

var (
	textDigits = func() (d [textBase]byte) {
		n := 0
		for c := byte(' '); c <= '~'; c++ {
			if c != '"' && c != '\\' && c != '<' {
				d[n] = c
				n++
			}
		}
		return d
	}()
	textValues = func() (v [256]int16) {
		for i := range v {
			v[i] = -1
		}
		for i, c := range textDigits {
			v[c] = int16(i)
		}
		return v
	}()
)

// AppendText appends b in base-92 to dst.
func AppendText(dst, b []byte) []byte {
	var acc uint32
	bits := 0
	for _, c := range b {
		acc |= uint32(c) << bits
		bits += 8
		if bits >= 13 {
			v := acc & (1<<13 - 1)
			dst = append(dst, textDigits[v%textBase], textDigits[v/textBase])
			acc >>= 13
			bits -= 13
		}
	}
	switch {
	case bits > 6:
		dst = append(dst, textDigits[acc%textBase], textDigits[acc/textBase])
	case bits > 0:
		dst = append(dst, textDigits[acc])
	}
	return dst
}

// DecodeText decodes base-92 text written by AppendText.
func DecodeText(s []byte) ([]byte, error) {
	out := make([]byte, 0, len(s)*13/16+1)
	var acc uint32
	bits := 0
	for i := 0; i < len(s); i += 2 {
		a := textValues[s[i]]
		if a < 0 {
			return nil, fmt.Errorf("search: byte %d of the encoded text is %q, not a base-92 digit", i, s[i])
		}
		v, n := uint32(a), 6
		if i+1 < len(s) {
			b := textValues[s[i+1]]
			if b < 0 {
				return nil, fmt.Errorf("search: byte %d of the encoded text is %q, not a base-92 digit", i+1, s[i+1])
			}
			v, n = v+textBase*uint32(b), 13
		}
		if v >= 1<<n {
			return nil, fmt.Errorf("search: characters %d–%d of the encoded text hold %d, more than %d bits", i, i+1, v, n)
		}
		acc |= v << bits
		bits += n
		for bits >= 8 {
			out = append(out, byte(acc))
			acc >>= 8
			bits -= 8
		}
	}
	return out, nil
}
