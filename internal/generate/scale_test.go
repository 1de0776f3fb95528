package generate

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"
)

// syntheticSpec writes an Atlas-style document with ops operations (a
// multiple of 5): per resource a paginated list, a create, a get, an
// update and a delete under /api/atlas/v2/groups/{groupId}, with two
// versioned media types, a component schema with a readOnly id, a
// pattern, bounds, an enum and an inline object, shared Tag and Link
// schemas, and on every tenth resource a discriminated union body.
func syntheticSpec(ops int) []byte {
	var b strings.Builder
	b.WriteString("openapi: 3.0.1\ninfo: {title: Synthetic Atlas, version: \"2.0\"}\npaths:\n")
	resources := ops / 5
	for i := range resources {
		writeResourcePaths(&b, i)
	}
	b.WriteString("components:\n  schemas:\n")
	b.WriteString(`    Tag:
      type: object
      required: [key]
      properties:
        key: {type: string, maxLength: 255}
        value: {type: string}
    Link:
      type: object
      properties:
        href: {type: string}
        rel: {type: string}
`)
	for i := range resources {
		writeResourceSchemas(&b, i)
	}
	return []byte(b.String())
}

func writeResourcePaths(b *strings.Builder, i int) {
	media := func(schema string, indent int) string {
		pad := strings.Repeat(" ", indent)
		return fmt.Sprintf(`
%[2]scontent:
%[2]s  application/vnd.atlas.2023-01-01+json:
%[2]s    schema: {$ref: '#/components/schemas/%[1]s'}
%[2]s  application/vnd.atlas.2024-05-30+json:
%[2]s    schema: {$ref: '#/components/schemas/%[1]s'}`, schema, pad)
	}
	body := fmt.Sprintf("Thing%d", i)
	if i%10 == 0 {
		body = fmt.Sprintf("Provider%d", i)
	}
	fmt.Fprintf(b, `  /api/atlas/v2/groups/{groupId}/things%[1]d:
    parameters:
      - {name: groupId, in: path, required: true, schema: {type: string, pattern: '^([a-f0-9]{24})$'}}
    get:
      operationId: listThings%[1]d
      tags: [Things %[2]d]
      parameters:
        - {name: itemsPerPage, in: query, schema: {type: integer, default: 100, minimum: 1, maximum: 500}}
        - {name: pageNum, in: query, schema: {type: integer, default: 1, minimum: 1}}
      responses:
        "200":
          description: OK%[3]s
    post:
      operationId: createThing%[1]d
      tags: [Things %[2]d]
      requestBody:
        required: true%[6]s
      responses:
        "201":
          description: Created%[5]s
  /api/atlas/v2/groups/{groupId}/things%[1]d/{thingId}:
    parameters:
      - {name: groupId, in: path, required: true, schema: {type: string}}
      - {name: thingId, in: path, required: true, schema: {type: string}}
    get:
      operationId: getThing%[1]d
      tags: [Things %[2]d]
      responses:
        "200":
          description: OK%[5]s
    patch:
      operationId: updateThing%[1]d
      tags: [Things %[2]d]
      requestBody:
        required: true%[7]s
      responses:
        "200":
          description: OK%[5]s
    delete:
      operationId: deleteThing%[1]d
      tags: [Things %[2]d]
      responses:
        "204": {description: Deleted}
`, i, i%20, media(fmt.Sprintf("PaginatedThing%d", i), 10), "", media(fmt.Sprintf("Thing%d", i), 10),
		media(body, 8), media(fmt.Sprintf("Thing%d", i), 8))
}

func writeResourceSchemas(b *strings.Builder, i int) {
	fmt.Fprintf(b, `    Thing%[1]d:
      type: object
      required: [name]
      properties:
        id: {type: string, readOnly: true, pattern: '^([a-f0-9]{24})$'}
        name: {type: string, minLength: 1, maxLength: 64, description: The thing's name.}
        size: {type: integer, format: int32, minimum: 0, maximum: 100}
        state: {type: string, enum: [IDLE, CREATING, UPDATING, DELETING]}
        created: {type: string, format: date-time, readOnly: true}
        tags: {type: array, items: {$ref: '#/components/schemas/Tag'}}
        links: {type: array, readOnly: true, items: {$ref: '#/components/schemas/Link'}}
        settings:
          type: object
          properties:
            enabled: {type: boolean}
            window: {type: integer, minimum: 1}
    PaginatedThing%[1]d:
      type: object
      properties:
        results: {type: array, readOnly: true, items: {$ref: '#/components/schemas/Thing%[1]d'}}
        totalCount: {type: integer, readOnly: true}
        links: {type: array, readOnly: true, items: {$ref: '#/components/schemas/Link'}}
`, i)
	if i%10 == 0 {
		fmt.Fprintf(b, `    Provider%[1]d:
      type: object
      oneOf:
        - $ref: '#/components/schemas/AWSProvider%[1]d'
        - $ref: '#/components/schemas/GCPProvider%[1]d'
      discriminator:
        propertyName: providerName
        mapping:
          AWS: '#/components/schemas/AWSProvider%[1]d'
          GCP: '#/components/schemas/GCPProvider%[1]d'
    AWSProvider%[1]d:
      type: object
      required: [providerName, region]
      properties:
        providerName: {type: string}
        region: {type: string, enum: [US_EAST_1, EU_WEST_1]}
    GCPProvider%[1]d:
      type: object
      required: [providerName, project]
      properties:
        providerName: {type: string}
        project: {type: string, pattern: '^p-[0-9a-z]{24}$'}
`, i)
	}
}

// generateSynthetic runs the pipeline once on a synthetic spec.
func generateSynthetic(tb testing.TB, data []byte) *Result {
	tb.Helper()
	res, err := Run(Doc("synthetic.yaml", data), packageOptions("atlas"))
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// TestSyntheticSpecGenerates checks the builder makes what it promises:
// every operation, no warning.
func TestSyntheticSpecGenerates(t *testing.T) {
	res := generateSynthetic(t, syntheticSpec(500))
	if got := len(res.API.Operations); got != 500 {
		t.Errorf("%d operations, want 500", got)
	}
	if len(res.API.Diagnostics) > 0 {
		t.Errorf("diagnostics: %v", res.API.Diagnostics)
	}
}

// BenchmarkScale generates the synthetic spec at 500 and 5,000 operations
// back to back in every iteration and reports, for the larger, the median
// of the per-iteration ratios of its time and allocated bytes to the
// smaller's (x-time, x-bytes): ten times the operations must cost at most
// eleven times either (README, "Scale").
func BenchmarkScale(b *testing.B) {
	small, large := syntheticSpec(500), syntheticSpec(5000)
	var times, allocs []float64
	var largest time.Duration
	for b.Loop() {
		ts, bs := measure(b, small)
		tl, bl := measure(b, large)
		times, allocs = append(times, float64(tl)/float64(ts)), append(allocs, float64(bl)/float64(bs))
		largest = max(largest, time.Duration(tl))
	}
	b.ReportMetric(medianOf(times), "x-time")
	b.ReportMetric(medianOf(allocs), "x-bytes")
	b.ReportMetric(largest.Seconds(), "max-s-5000ops")
}

func medianOf(values []float64) float64 {
	p := pairs{ratios: values}
	return p.median()
}

// measure generates once, after a collection, and returns the time taken
// and the bytes allocated.
func measure(tb testing.TB, data []byte) (nanos int64, bytes uint64) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	start := time.Now()
	generateSynthetic(tb, data)
	nanos = time.Since(start).Nanoseconds()
	runtime.ReadMemStats(&after)
	return nanos, after.TotalAlloc - before.TotalAlloc
}
