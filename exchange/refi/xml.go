package refi

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// The QDA-XML elements insight reads. Struct tags name elements without a
// namespace, so encoding/xml matches them in any of the namespaces real
// tools write (urn:QDA-XML:project:1.0, urn:QDA-XML:codebook:1.0, :1:0,
// :0:4). Elements insight cannot represent are kept as generic nodes only
// to be counted in the import report.

type xProject struct {
	XMLName     xml.Name    `xml:"Project"`
	Name        string      `xml:"name,attr"`
	Origin      string      `xml:"origin,attr"`
	BasePath    string      `xml:"basePath,attr"`
	Users       []xUser     `xml:"Users>User"`
	Codes       []xCode     `xml:"CodeBook>Codes>Code"`
	Variables   []xVariable `xml:"Variables>Variable"`
	Cases       []xCase     `xml:"Cases>Case"`
	Sources     xSources    `xml:"Sources"`
	Notes       []xText     `xml:"Notes>Note"`
	Links       []xNode     `xml:"Links>Link"`
	Sets        []xNode     `xml:"Sets>Set"`
	Graphs      []xNode     `xml:"Graphs>Graph"`
	Description string      `xml:"Description"`
	NoteRefs    []xRef      `xml:"NoteRef"`
}

type xCodebook struct {
	XMLName xml.Name `xml:"CodeBook"`
	Origin  string   `xml:"origin,attr"`
	Codes   []xCode  `xml:"Codes>Code"`
	Sets    []xNode  `xml:"Sets>Set"`
}

type xUser struct {
	GUID string `xml:"guid,attr"`
	Name string `xml:"name,attr"`
	ID   string `xml:"id,attr"`
}

type xCode struct {
	GUID        string  `xml:"guid,attr"`
	Name        string  `xml:"name,attr"`
	Color       string  `xml:"color,attr"`
	IsCodable   string  `xml:"isCodable,attr"`
	Description string  `xml:"Description"`
	NoteRefs    []xRef  `xml:"NoteRef"`
	Codes       []xCode `xml:"Code"`
}

type xRef struct {
	Target string `xml:"targetGUID,attr"`
}

type xVariable struct {
	GUID        string `xml:"guid,attr"`
	Name        string `xml:"name,attr"`
	Type        string `xml:"typeOfVariable,attr"`
	Description string `xml:"Description"`
}

type xValue struct {
	Ref      xRef    `xml:"VariableRef"`
	Text     *string `xml:"TextValue"`
	Boolean  *string `xml:"BooleanValue"`
	Integer  *string `xml:"IntegerValue"`
	Float    *string `xml:"FloatValue"`
	Date     *string `xml:"DateValue"`
	DateTime *string `xml:"DateTimeValue"`
}

// value is the variable's value as text, whatever its type.
func (v xValue) value() string {
	for _, p := range []*string{v.Text, v.Boolean, v.Integer, v.Float, v.Date, v.DateTime} {
		if p != nil {
			return strings.TrimSpace(*p)
		}
	}
	return ""
}

type xCase struct {
	GUID        string   `xml:"guid,attr"`
	Name        string   `xml:"name,attr"`
	Description string   `xml:"Description"`
	CodeRefs    []xRef   `xml:"CodeRef"`
	Values      []xValue `xml:"VariableValue"`
	SourceRefs  []xRef   `xml:"SourceRef"`
	Selections  []xRef   `xml:"SelectionRef"`
}

type xSources struct {
	Text    []xText `xml:"TextSource"`
	Picture []xNode `xml:"PictureSource"`
	PDF     []xNode `xml:"PDFSource"`
	Audio   []xNode `xml:"AudioSource"`
	Video   []xNode `xml:"VideoSource"`
}

// xText is a TextSource, or a Note (same schema type).
type xText struct {
	GUID          string       `xml:"guid,attr"`
	Name          string       `xml:"name,attr"`
	PlainTextPath string       `xml:"plainTextPath,attr"`
	RichTextPath  string       `xml:"richTextPath,attr"`
	CreatingUser  string       `xml:"creatingUser,attr"`
	Description   string       `xml:"Description"`
	Content       *string      `xml:"PlainTextContent"`
	Selections    []xSelection `xml:"PlainTextSelection"`
	Codings       []xCoding    `xml:"Coding"`
	NoteRefs      []xRef       `xml:"NoteRef"`
	Values        []xValue     `xml:"VariableValue"`
}

type xSelection struct {
	GUID         string    `xml:"guid,attr"`
	Name         string    `xml:"name,attr"`
	Start        string    `xml:"startPosition,attr"`
	End          string    `xml:"endPosition,attr"`
	CreatingUser string    `xml:"creatingUser,attr"`
	Description  string    `xml:"Description"`
	Codings      []xCoding `xml:"Coding"`
	NoteRefs     []xRef    `xml:"NoteRef"`
}

type xCoding struct {
	GUID         string `xml:"guid,attr"`
	CreatingUser string `xml:"creatingUser,attr"`
	CodeRef      xRef   `xml:"CodeRef"`
	NoteRefs     []xRef `xml:"NoteRef"`
}

// xNode is any element, kept whole so what insight cannot represent can
// be counted (selections and codings inside a PDF, a picture, a video).
type xNode struct {
	XMLName  xml.Name
	Children []xNode `xml:",any"`
}

// count returns how many descendants of n (n excluded) have a local name
// for which match is true.
func (n xNode) count(match func(string) bool) int {
	c := 0
	for _, ch := range n.Children {
		if match(ch.XMLName.Local) {
			c++
		}
		c += ch.count(match)
	}
	return c
}

// Limits on the XML itself. encoding/xml never fetches external entities
// and expands no entity a DTD declares (an undeclared &name; is an error in
// strict mode), so the remaining risks are size and depth.
const (
	maxXMLBytes = 256 << 20
	maxDepth    = 200
)

// decode reads one QDA-XML document into v, refusing a document nested
// more than maxDepth elements deep or larger than maxXMLBytes. Errors name
// the file and line.
func decode(file string, data []byte, v any) error {
	if len(data) > maxXMLBytes {
		return fmt.Errorf("%s: %d bytes of XML, more than the %d this reader accepts", file, len(data), maxXMLBytes)
	}
	if err := checkDepth(file, data); err != nil {
		return err
	}
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader
	if err := d.Decode(v); err != nil {
		if err == io.EOF {
			return fmt.Errorf("%s: no XML element in the file: is it a REFI-QDA file?", file)
		}
		return xmlError(file, data, d, err)
	}
	return nil
}

// checkDepth walks the tokens once, without building anything, so a
// document nested a million deep is refused before Decode recurses into it.
func checkDepth(file string, data []byte) error {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.CharsetReader = charsetReader
	depth := 0
	for {
		tok, err := d.RawToken()
		if err == io.EOF {
			if depth > 0 {
				line, _ := d.InputPos()
				return fmt.Errorf("%s:%d: the XML ends before its elements are closed (the file is truncated or damaged): export it again from the program that wrote it", file, line)
			}
			return nil
		}
		if err != nil {
			return xmlError(file, data, d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			if depth > maxDepth {
				line, _ := d.InputPos()
				return fmt.Errorf("%s:%d: elements nested more than %d deep: refused", file, line, maxDepth)
			}
		case xml.EndElement:
			depth--
		case xml.Directive:
			if bytes.Contains(t, []byte("ENTITY")) {
				line, _ := d.InputPos()
				return fmt.Errorf("%s:%d: the XML declares entities (<!ENTITY …>), which QDA-XML never needs: refused", file, line)
			}
		}
	}
}

// charsetReader accepts the encodings QDA-XML files declare: UTF-8 under
// any spelling. Anything else is refused by name.
func charsetReader(label string, in io.Reader) (io.Reader, error) {
	switch strings.ToLower(label) {
	case "utf-8", "utf8", "us-ascii", "ascii":
		return in, nil
	}
	return nil, fmt.Errorf("encoding %q is not supported: save the file as UTF-8", label)
}

// xmlError names file and line for a decoding error.
func xmlError(file string, data []byte, d *xml.Decoder, err error) error {
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		msg := se.Msg
		if strings.Contains(msg, "unexpected EOF") {
			msg = "the XML ends before its elements are closed (the file is truncated or damaged): export it again from the program that wrote it"
		}
		return fmt.Errorf("%s:%d: %s", file, se.Line, msg)
	}
	line, _ := d.InputPos()
	return fmt.Errorf("%s:%d: %v", file, line, err)
}
