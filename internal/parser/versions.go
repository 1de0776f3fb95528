package parser

import (
	"regexp"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// versionedMedia matches Atlas's versioned media types.
var versionedMedia = regexp.MustCompile(`^application/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+([a-z0-9.-]+)$`)

// mediaDate returns the version date and suffix of a media type, if versioned.
func mediaDate(media string) (date, suffix string, ok bool) {
	m := versionedMedia.FindStringSubmatch(strings.ToLower(media))
	if m == nil {
		return "", "", false
	}
	return m[1], m[2], true
}

// operationDates lists every version date an operation's bodies carry.
func operationDates(op *openapi3.Operation) []string {
	set := map[string]bool{}
	add := func(c openapi3.Content) {
		for media := range c {
			if d, _, ok := mediaDate(media); ok {
				set[d] = true
			}
		}
	}
	if op.RequestBody != nil && op.RequestBody.Value != nil {
		add(op.RequestBody.Value.Content)
	}
	if op.Responses != nil {
		for _, r := range op.Responses.Map() {
			if r.Value != nil {
				add(r.Value.Content)
			}
		}
	}
	return sortedKeys(set)
}

// pickVersion returns the newest date on or before apiDate.
func pickVersion(dates []string, apiDate string) (string, bool) {
	i := sort.SearchStrings(dates, apiDate+"\xff")
	if i == 0 {
		return "", false
	}
	return dates[i-1], true
}

// pickMedia chooses the media type of content to use at version date: the
// +json type of that exact date (or the newest one before it), then any type
// of that date, then unversioned JSON. It returns "" when nothing fits.
func pickMedia(c openapi3.Content, date string) string {
	best, bestDate, bestJSON := "", "", false
	for _, media := range sortedKeys(c) {
		d, suffix, ok := mediaDate(media)
		if !ok || (date != "" && d > date) {
			continue
		}
		isJSON := suffix == "json"
		if d > bestDate || (d == bestDate && isJSON && !bestJSON) {
			best, bestDate, bestJSON = media, d, isJSON
		}
	}
	if best != "" {
		return best
	}
	for _, media := range sortedKeys(c) {
		if media == "application/json" || strings.HasSuffix(media, "+json") {
			return media
		}
	}
	return ""
}
