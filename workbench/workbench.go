// Package workbench owns the local coding workbench: a small web server on
// the loopback interface where a coder reads transcripts, selects passages,
// applies themes, writes memos and reviews keyword-rule suggestions. Every
// change goes straight to the coder's own file, codings/<coder>.jsonl,
// through package coding's atomic writer, and new themes go to
// codebook.yaml with comments and order kept. The server trusts nothing it
// did not make: every request carries a per-run token, Host and Origin must
// be its own, bodies are bounded, documents are addressed by id only, and
// the turns of a participant who withdrew consent are neither shown nor
// codable.
package workbench

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"embed"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"github.com/residentinsight/insight/coding"
	"github.com/residentinsight/insight/corpus"
	"github.com/residentinsight/insight/themes"
)

//go:embed assets
var assets embed.FS

// MaxBody bounds a request body: a coding with a long memo fits many times.
const MaxBody = 64 << 10

// Study is what the workbench serves: a study read once at start. The
// transcripts are not expected to change while it runs; codings and the
// codebook are re-read from disk, so other tabs and servers are seen.
type Study struct {
	Dir      string // the study folder, where codings/ and codebook.yaml are
	Corpus   *corpus.Study
	Codebook *themes.Codebook
	Coded    *coding.Coded // for the keyword-rule suggestions
	// CodebookFile is the codebook's path (Dir/codebook.yaml).
	CodebookFile string
}

// Server is one run of the workbench for one coder.
type Server struct {
	st    *Study
	coder string
	file  string // codings/<coder>.jsonl
	token string
	addr  string // host:port the server answers to, set by Listen or SetAddr

	mu       sync.Mutex
	codebook *themes.Codebook
	cbTime   time.Time
	cbSize   int64
	sugs     []coding.Record // keyword-rule suggestions found at start
	rejected map[string]bool // suggestions rejected in this run (by key)
	docs     map[string]int  // document id -> index

	filesMu sync.Mutex
	cache   map[string]*coderFile // coders\' files by name, as last read
}

// New returns a server for coder on st, with a fresh random token.
func New(st *Study, coder string) (*Server, error) {
	file, err := coding.CoderFile(st.Dir, coder)
	if err != nil {
		return nil, err
	}
	b := make([]byte, 24)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("making the workbench token: %w", err)
	}
	s := &Server{st: st, coder: coder, file: file, token: hex.EncodeToString(b),
		rejected: map[string]bool{}, docs: map[string]int{}, cache: map[string]*coderFile{}}
	for i, d := range st.Corpus.Documents {
		s.docs[d.ID] = i
	}
	if st.Coded != nil {
		s.sugs = coding.Suggestions(st.Corpus, st.Coded, func(string) bool { return true })
	}
	return s, nil
}

// Token is the run's secret; URL carries it.
func (s *Server) Token() string { return s.token }

// SetAddr sets the host:port the server answers to (tests use it with
// httptest servers).
func (s *Server) SetAddr(addr string) { s.addr = addr }

// URL is the address to open, with the token.
func (s *Server) URL() string { return "http://" + s.addr + "/?token=" + s.token }

// Listen opens a loopback listener on port (0: a free one).
func (s *Server) Listen(port int) (net.Listener, error) {
	ln, err := net.Listen("tcp", net.JoinHostPort("127.0.0.1", strconv.Itoa(port)))
	if err != nil {
		return nil, fmt.Errorf("listening on 127.0.0.1:%d: %w", port, err)
	}
	s.addr = ln.Addr().String()
	return ln, nil
}

// Serve answers on ln until ctx ends, then shuts down, letting requests in
// flight (and so their writes) finish.
func (s *Server) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	done := make(chan error, 1)
	go func() { done <- srv.Serve(ln) }()
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return err
	}
	if err := <-done; err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// Handler is the whole workbench behind its guard.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(assets, "assets")
	mux.HandleFunc("GET /{$}", s.page)
	mux.Handle("GET /static/", http.StripPrefix("/static/", http.FileServerFS(static)))
	mux.HandleFunc("GET /api/docs", s.listDocs)
	mux.HandleFunc("GET /api/doc", s.getDoc)
	mux.HandleFunc("GET /api/codebook", s.getCodebook)
	mux.HandleFunc("GET /api/version", s.version)
	mux.HandleFunc("POST /api/apply", s.apply)
	mux.HandleFunc("POST /api/edit", s.edit)
	mux.HandleFunc("POST /api/remove", s.remove)
	mux.HandleFunc("POST /api/accept", s.accept)
	mux.HandleFunc("POST /api/reject", s.reject)
	mux.HandleFunc("POST /api/theme", s.addTheme)
	return s.guard(mux)
}

const cookieName = "insight-workbench"

// guard refuses what did not come from the coder's own browser tab: a Host
// other than the server's (DNS rebinding), an Origin of another site, a
// request without the token; and it bounds bodies.
func (s *Server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Content-Type-Options", "nosniff")
		w.Header().Set("X-Frame-Options", "DENY")
		w.Header().Set("Referrer-Policy", "no-referrer")
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Content-Security-Policy", "default-src 'self'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self' data:; frame-ancestors 'none'; form-action 'self'")
		if !s.hostOK(r.Host) {
			http.Error(w, "wrong Host header: open the address the workbench printed", http.StatusMisdirectedRequest)
			return
		}
		if o := r.Header.Get("Origin"); o != "" && o != "http://"+r.Host {
			http.Error(w, "requests from another site are refused", http.StatusForbidden)
			return
		}
		if r.Method == http.MethodGet && r.URL.Path == "/" && s.same(r.URL.Query().Get("token")) {
			http.SetCookie(w, &http.Cookie{Name: cookieName, Value: s.token, Path: "/", HttpOnly: true, SameSite: http.SameSiteStrictMode})
			http.Redirect(w, r, "/", http.StatusSeeOther) // keep the token out of history and screen shares
			return
		}
		ok := false
		if c, err := r.Cookie(cookieName); err == nil && s.same(c.Value) {
			ok = true
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			// A write needs the header too: a cookie alone is what a forged
			// cross-site form would carry.
			ok = s.same(r.Header.Get("X-Insight-Token"))
		} else if s.same(r.Header.Get("X-Insight-Token")) {
			ok = true
		}
		if !ok {
			http.Error(w, "no workbench token: open the address the workbench printed (with ?token=...)", http.StatusUnauthorized)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, MaxBody)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) same(t string) bool {
	return t != "" && subtle.ConstantTimeCompare([]byte(t), []byte(s.token)) == 1
}

func (s *Server) hostOK(host string) bool {
	_, port, err := net.SplitHostPort(s.addr)
	if err != nil {
		return false
	}
	return host == "127.0.0.1:"+port || host == "localhost:"+port
}
