package fakeatlas

import (
	"crypto/md5"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
)

// TokenPath is where the fake issues OAuth 2 client-credentials tokens.
const TokenPath = "/api/oauth/token"

// authenticator is the scheme the server demands; nil accepts anyone.
type authenticator interface {
	// check gets the request URI as received: validation may add defaults.
	check(w http.ResponseWriter, r *http.Request, uri string) bool
}

// RequireDigest makes the server demand HTTP Digest (MD5, qop=auth) with
// these credentials, as Atlas does for API keys: an unsigned request gets
// a 401 challenge, a wrongly signed one a plain 401.
func (s *Server) RequireDigest(user, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auth = &digestAuth{user: user, password: password, nonces: map[string]bool{}}
}

// ServeTokens makes the server issue bearer tokens at TokenPath to a
// client authenticating with id and secret, each valid for expiresIn
// seconds, and demand one on every API request.
func (s *Server) ServeTokens(id, secret string, expiresIn int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.auth = &bearerAuth{id: id, secret: secret, expiresIn: expiresIn, tokens: map[string]bool{}}
}

// Tokens returns the tokens handed out so far, sorted: a test can look for
// them where they must never appear.
func (s *Server) Tokens() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	b, ok := s.auth.(*bearerAuth)
	if !ok {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return sortedKeys(b.tokens)
}

// TokensIssued counts the tokens handed out so far.
func (s *Server) TokensIssued() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if b, ok := s.auth.(*bearerAuth); ok {
		b.mu.Lock()
		defer b.mu.Unlock()
		return len(b.tokens)
	}
	return 0
}

func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, uri string) bool {
	s.mu.Lock()
	auth := s.auth
	s.mu.Unlock()
	return auth == nil || auth.check(w, r, uri)
}

func (s *Server) serveToken(w http.ResponseWriter, r *http.Request, body []byte) {
	s.mu.Lock()
	b, ok := s.auth.(*bearerAuth)
	s.mu.Unlock()
	if !ok {
		http.NotFound(w, r)
		return
	}
	b.issue(w, r, body)
}

type digestAuth struct {
	user, password string
	mu             sync.Mutex
	nonces         map[string]bool
}

func (d *digestAuth) check(w http.ResponseWriter, r *http.Request, uri string) bool {
	params, ok := parseDigest(r.Header.Get("Authorization"))
	if !ok {
		nonce := randomHex()
		d.mu.Lock()
		d.nonces[nonce] = true
		d.mu.Unlock()
		challenge := fmt.Sprintf(`Digest realm="MMS Public API", domain="", nonce="%s", algorithm=MD5, qop="auth", stale=false`, nonce)
		writeError(w, http.StatusUnauthorized, "UNAUTHORIZED", "You are not authorized for this resource.", http.Header{"Www-Authenticate": {challenge}})
		return false
	}
	d.mu.Lock()
	known := d.nonces[params["nonce"]]
	d.mu.Unlock()
	ha1 := md5hex(d.user + ":" + params["realm"] + ":" + d.password)
	ha2 := md5hex(r.Method + ":" + params["uri"])
	want := md5hex(strings.Join([]string{ha1, params["nonce"], params["nc"], params["cnonce"], params["qop"], ha2}, ":"))
	if !known || params["username"] != d.user || params["response"] != want || params["uri"] != uri {
		writeError(w, http.StatusUnauthorized, "UNAUTHORIZED", "Invalid digest credentials.", nil)
		return false
	}
	return true
}

// parseDigest reads the name=value pairs of a Digest Authorization header.
func parseDigest(h string) (map[string]string, bool) {
	rest, ok := strings.CutPrefix(h, "Digest ")
	if !ok {
		return nil, false
	}
	out := map[string]string{}
	for _, part := range strings.Split(rest, ", ") {
		k, v, ok := strings.Cut(part, "=")
		if !ok {
			return nil, false
		}
		out[k] = strings.Trim(v, `"`)
	}
	return out, out["response"] != ""
}

type bearerAuth struct {
	id, secret string
	expiresIn  int
	mu         sync.Mutex
	tokens     map[string]bool
}

func (b *bearerAuth) issue(w http.ResponseWriter, r *http.Request, body []byte) {
	id, secret, ok := r.BasicAuth()
	form, _ := url.ParseQuery(string(body))
	if !ok || id != b.id || secret != b.secret || form.Get("grant_type") != "client_credentials" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusUnauthorized)
		fmt.Fprint(w, `{"error":"invalid_client","error_description":"client authentication failed"}`)
		return
	}
	token := randomHex()
	b.mu.Lock()
	b.tokens[token] = true
	b.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": token, "token_type": "Bearer", "expires_in": b.expiresIn})
}

func (b *bearerAuth) check(w http.ResponseWriter, r *http.Request, _ string) bool {
	token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	b.mu.Lock()
	valid := ok && b.tokens[token]
	b.mu.Unlock()
	if !valid {
		writeError(w, http.StatusUnauthorized, "UNAUTHORIZED", "Invalid or missing bearer token.", nil)
	}
	return valid
}

func md5hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func randomHex() string {
	b := make([]byte, 16)
	rand.Read(b)
	return hex.EncodeToString(b)
}
