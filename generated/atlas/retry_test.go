// Hand-written tests of the runtime's retry layer (no generated-code
// header: atlasgen leaves this file alone). The spec has only POSTs, so
// these drive Client.do directly, with GETs where idempotence matters.
package atlas

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync"
	"testing"
	"time"
)

// script serves the replies in order, then 200 {} forever, and counts hits.
type script struct {
	mu      sync.Mutex
	replies []func(http.ResponseWriter)
	hits    int
	bodies  []string
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	buf := make([]byte, 1024)
	n, _ := r.Body.Read(buf)
	s.bodies = append(s.bodies, string(buf[:n]))
	s.hits++
	if len(s.replies) > 0 {
		reply := s.replies[0]
		s.replies = s.replies[1:]
		reply(w)
		return
	}
	w.Write([]byte("{}"))
}

// count returns the requests served so far.
func (s *script) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.hits
}

func status(code int, header ...string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		w.Write([]byte(`{"error":` + strconv.Itoa(code) + `,"errorCode":"X"}`))
	}
}

// hangUp cuts the connection without a reply.
func hangUp(w http.ResponseWriter) {
	conn, _, _ := w.(http.Hijacker).Hijack()
	conn.(*net.TCPConn).SetLinger(0)
	conn.Close()
}

type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.d = append(s.d, d)
	return ctx.Err()
}

var epoch = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

func newTestClient(t *testing.T, s *script, opts ...Option) (*Client, *sleeps) {
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	sl := &sleeps{}
	c, err := NewClient(append([]Option{WithBaseURL(srv.URL), WithSleep(sl.sleep), WithClock(func() time.Time { return epoch })}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c, sl
}

func call(c *Client, method string) error {
	_, err := c.do(context.Background(), &request{operation: "test", method: method, path: "/x", accept: "application/json", contentType: "application/json", body: map[string]int{"n": 1}})
	return err
}

func TestRetryAfterSecondsOn429(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){status(429, "Retry-After", "7")}}
	c, sl := newTestClient(t, s)
	if err := call(c, http.MethodPost); err != nil {
		t.Fatal(err)
	}
	if s.count() != 2 || len(sl.d) != 1 || sl.d[0] != 7*time.Second {
		t.Errorf("hits %d, waits %v; want 2 hits after one 7s wait", s.count(), sl.d)
	}
	if s.bodies[0] != s.bodies[1] || s.bodies[0] != `{"n":1}` {
		t.Errorf("body not replayed: %q", s.bodies)
	}
}

func TestRetryAfterDateOn503(t *testing.T) {
	when := epoch.Add(90 * time.Second).Format(http.TimeFormat)
	s := &script{replies: []func(http.ResponseWriter){status(503, "Retry-After", when)}}
	c, sl := newTestClient(t, s, WithRetryPolicy(RetryPolicy{MaxAttempts: 3, MaxWait: 2 * time.Minute, BaseDelay: time.Second}))
	if err := call(c, http.MethodGet); err != nil {
		t.Fatal(err)
	}
	if len(sl.d) != 1 || sl.d[0] != 90*time.Second {
		t.Errorf("waits %v, want [1m30s]", sl.d)
	}
}

func TestPostIsNotRetriedOnServerErrors(t *testing.T) {
	for _, code := range []int{500, 502, 503, 504} {
		s := &script{replies: []func(http.ResponseWriter){status(code, "Retry-After", "1")}}
		c, sl := newTestClient(t, s)
		err := call(c, http.MethodPost)
		if HTTPStatus(err) != code || s.count() != 1 || len(sl.d) != 0 {
			t.Errorf("POST %d: err %v, hits %d, waits %v; want one attempt", code, err, s.count(), sl.d)
		}
	}
}

func TestIdempotentBackoffWithJitter(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){status(502), status(504), hangUp}}
	// Without keep-alives net/http cannot retry the cut connection itself,
	// so the cut reaches the retry layer.
	noReuse := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	c, sl := newTestClient(t, s, WithHTTPClient(noReuse), WithRetryPolicy(RetryPolicy{MaxAttempts: 4, MaxWait: 10 * time.Second, BaseDelay: 100 * time.Millisecond}))
	if err := call(c, http.MethodGet); err != nil {
		t.Fatal(err)
	}
	if s.count() != 4 || len(sl.d) != 3 {
		t.Fatalf("hits %d, waits %v", s.count(), sl.d)
	}
	for i, d := range sl.d {
		if ceiling := 100 * time.Millisecond << i; d < 0 || d > ceiling {
			t.Errorf("wait %d = %v, want within [0, %v]", i, d, ceiling)
		}
	}
}

func TestAttemptsAreBounded(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){status(429), status(429), status(429), status(429)}}
	c, _ := newTestClient(t, s, WithRetryPolicy(RetryPolicy{MaxAttempts: 2, MaxWait: time.Second, BaseDelay: time.Millisecond}))
	if err := call(c, http.MethodPost); HTTPStatus(err) != 429 || s.count() != 2 {
		t.Errorf("err %v, hits %d; want 429 after 2 attempts", err, s.count())
	}
}

func TestRetryAfterBeyondMaxWaitIsNotWaited(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){status(429, "Retry-After", "3600")}}
	c, sl := newTestClient(t, s)
	if err := call(c, http.MethodPost); HTTPStatus(err) != 429 || len(sl.d) != 0 {
		t.Errorf("err %v, waits %v", err, sl.d)
	}
}

// TestCancelStopsTheWait uses the real sleeper: a 30s Retry-After must end
// as soon as the context is cancelled.
func TestCancelStopsTheWait(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){status(429, "Retry-After", "30")}}
	srv := httptest.NewServer(s)
	defer srv.Close()
	c, err := NewClient(WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	time.AfterFunc(20*time.Millisecond, cancel)
	start := time.Now()
	_, err = c.do(ctx, &request{operation: "test", method: http.MethodPost, path: "/x", accept: "application/json"})
	if !errors.Is(err, context.Canceled) || time.Since(start) > 10*time.Second {
		t.Errorf("err %v after %v; want context.Canceled at once", err, time.Since(start))
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		t.Errorf("a cancelled wait should not look like the server's reply: %v", err)
	}
}

func TestParseRetryAfter(t *testing.T) {
	for v, want := range map[string]time.Duration{"0": 0, "12": 12 * time.Second, epoch.Add(-time.Minute).Format(http.TimeFormat): 0} {
		if got, ok := parseRetryAfter(v, epoch); !ok || got != want {
			t.Errorf("%q: %v %v, want %v", v, got, ok, want)
		}
	}
	for _, v := range []string{"", "-1", "soon"} {
		if _, ok := parseRetryAfter(v, epoch); ok {
			t.Errorf("%q accepted", v)
		}
	}
}

// TestDeadlineWins: a wait that would pass the context's deadline is not
// started; the last reply comes back at once.
func TestDeadlineWins(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){status(429, "Retry-After", "7")}}
	c, sl := newTestClient(t, s, WithClock(time.Now))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_, err := c.do(ctx, &request{operation: "test", method: http.MethodPost, path: "/x", accept: "application/json"})
	if HTTPStatus(err) != 429 || len(sl.d) != 0 || s.count() != 1 {
		t.Errorf("err %v, waits %v, hits %d", err, sl.d, s.count())
	}
}

func TestCutConnectionOnPostIsNotRetried(t *testing.T) {
	s := &script{replies: []func(http.ResponseWriter){hangUp}}
	noReuse := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	c, sl := newTestClient(t, s, WithHTTPClient(noReuse))
	if err := call(c, http.MethodPost); err == nil || s.count() != 1 || len(sl.d) != 0 {
		t.Errorf("err %v, hits %d, waits %v", err, s.count(), sl.d)
	}
}

// TestBackoffIsExponentialWithFullJitter samples the backoff of each
// attempt: every wait lies in [0, BaseDelay·2^(attempt-1)] capped at
// MaxWait, the waits spread over that range (full jitter, not a constant),
// and each attempt's ceiling doubles until the cap.
func TestBackoffIsExponentialWithFullJitter(t *testing.T) {
	c := &Client{retry: RetryPolicy{MaxAttempts: 10, MaxWait: time.Second, BaseDelay: 50 * time.Millisecond}}
	for attempt := 1; attempt <= 8; attempt++ {
		ceiling := min(50*time.Millisecond<<(attempt-1), time.Second)
		var sum, top time.Duration
		const draws = 4000
		for range draws {
			d := c.backoff(attempt)
			if d < 0 || d > ceiling {
				t.Fatalf("attempt %d: wait %v outside [0, %v]", attempt, d, ceiling)
			}
			sum += d
			top = max(top, d)
		}
		mean := sum / draws
		if top < ceiling*9/10 || mean < ceiling*4/10 || mean > ceiling*6/10 {
			t.Errorf("attempt %d: waits up to %v, mean %v; want up to about %v, mean about %v", attempt, top, mean, ceiling, ceiling/2)
		}
	}
}
