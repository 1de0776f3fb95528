package generate

import (
	"fmt"
	"go/ast"
	"go/format"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeExample is one Go block of the README and the package it is
// written against: "snapshot" (generated/atlas, from spec/), "upstream"
// (the package the sweep generates) or "none" (a directive, no code); with
// what it prints when Atlas answers with a whole peering connection.
type readmeExample struct {
	kind, output string
	sent         string // the body the block's last request must send, when the marker says
	line         int
	code         string
}

var exampleMarker = regexp.MustCompile(`^<!-- example: (\w+)(?:; output: ([^>]*?))?(?:; sent: ([^>]*?))? -->`)

// readmeExamples returns every Go block of the README; each must follow a
// marker saying what it is written against, so none goes unchecked.
func readmeExamples(t *testing.T) []readmeExample {
	t.Helper()
	data, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	var out []readmeExample
	for i := 0; i < len(lines); i++ {
		if lines[i] != "```go" {
			continue
		}
		m := exampleMarker.FindStringSubmatch(lines[max(i-1, 0)])
		if m == nil {
			t.Errorf("README.md:%d: a Go block without an <!-- example: snapshot|upstream|none[; output: …][; sent: …] --> marker", i+1)
			continue
		}
		ex := readmeExample{kind: m[1], output: m[2], sent: m[3], line: i + 2}
		for i++; i < len(lines) && lines[i] != "```"; i++ {
			ex.code += lines[i] + "\n"
		}
		out = append(out, ex)
	}
	return out
}

// TestREADMEExamples compiles and runs the README's blocks written against
// the committed snapshot: each as an Example (Atlas answers with a whole
// peering connection; the output must be the marker's) and as a test where
// Atlas answers with the required fields only (optional ones are nil: an
// unguarded dereference panics). The fake judges every request by spec/.
// The upstream blocks run in TestUpstreamSweep, against its package.
func TestREADMEExamples(t *testing.T) {
	var snapshot []readmeExample
	for _, ex := range readmeExamples(t) {
		switch ex.kind {
		case "snapshot":
			snapshot = append(snapshot, ex)
		case "upstream", "kept": // run by TestUpstreamSweep, compared by TestUpstreamRenameIsKept
		case "none":
			if !strings.HasPrefix(strings.TrimSpace(ex.code), "//") || strings.Contains(ex.code, "\n\t") {
				t.Errorf("README.md:%d: a block marked none must be a directive or comment", ex.line)
			}
		default:
			t.Errorf("README.md:%d: unknown example kind %q", ex.line, ex.kind)
		}
	}
	if len(snapshot) < 4 {
		t.Fatalf("only %d snapshot examples found in the README", len(snapshot))
	}
	dir := moduleBuildDir(t, "readme-")
	writeFile(t, filepath.Join(dir, "readme_test.go"), readmeTestFile(t, snapshot, "readme_test", false))
	goCmd(t, dir, nil, "test", "-count=1", ".")
}

// readmePrelude puts in scope what the README's blocks use, beside a fake
// Atlas started by fake (a statement declaring srv) that replies peer.
func readmePrelude(fake, peer string, snapshot bool) string {
	p := fake + "srv.Reply(200, " + peer + ")\nctx := context.Background()\n" +
		"client, err := atlas.NewClient(atlas.WithBaseURL(srv.URL))\nif err != nil {\npanic(err)\n}\n_, _, _ = ctx, client, err\n"
	if snapshot {
		p += `params := atlas.CreateGroupPeerParams{GroupID: "32b6e34b3d91647abb20e7b8"}
body := &atlas.BaseNetworkPeeringConnectionSettingsRequestAWS{ContainerID: "32b6e34b3d91647abb20e7b8",
	AccepterRegionName: "us-east-1", AWSAccountID: "123456789012", RouteTableCIDRBlock: "10.0.0.0/16", VPCID: "vpc-0123456789abcdef0"}
_, _ = params, body
`
	}
	return p
}

const readmePeers = "const readmePeer = `" + `{"providerName":"AWS","id":"32b6e34b3d91647abb20e7b8","containerId":"32b6e34b3d91647abb20e7b8",` +
	`"accepterRegionName":"us-east-1","awsAccountId":"123456789012","routeTableCidrBlock":"10.0.0.0/16",` +
	`"vpcId":"vpc-0123456789abcdef0","statusName":"AVAILABLE"}` + "`\n" +
	"const readmeMinimalPeer = `" + `{"providerName":"AWS","containerId":"32b6e34b3d91647abb20e7b8",` +
	`"accepterRegionName":"us-east-1","awsAccountId":"123456789012","routeTableCidrBlock":"10.0.0.0/16","vpcId":"vpc-0123456789abcdef0"}` + "`\n"

// readmeTestFile writes, per block, an Example and a test: the prelude,
// then the block in a scope of its own (so it may redeclare what the
// prelude declares), with every name it declares marked used. inPackage is
// for a test inside the generated upstream package: the atlas. qualifier
// goes, and the fake reads the spec the sweep names.
func readmeTestFile(t *testing.T, examples []readmeExample, pkg string, inPackage bool) []byte {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "package %s\n\nimport (\n\t\"context\"\n\t\"errors\"\n\t\"fmt\"\n\t\"os\"\n\t\"testing\"\n\n", pkg)
	b.WriteString("\t\"github.com/atlasgen/atlasgen/generated/atlas\"\n\t\"github.com/atlasgen/atlasgen/internal/fakeatlas\"\n\t\"github.com/atlasgen/atlasgen/spec\"\n)\n\n")
	b.WriteString("var _, _, _, _ = errors.New, fmt.Sprint, os.Getenv, spec.Document\n\n" + readmePeers + "\n")
	doc := "spec.Document()"
	if inPackage {
		doc = "readmeSpec()"
		b.WriteString("func readmeSpec() []byte {\ndata, err := os.ReadFile(os.Getenv(\"SWEEP_SPEC\"))\nif err != nil {\npanic(err)\n}\nreturn data\n}\n\n")
	}
	for _, ex := range examples {
		block := "{\n" + ex.code
		for _, name := range declaredNames(t, ex) {
			block += "_ = " + name + "\n"
		}
		block += "}\n"
		start := "srv, err := fakeatlas.Start(" + doc + ")\nif err != nil {\npanic(err)\n}\ndefer srv.Close()\n"
		fmt.Fprintf(&b, "// From README.md:%d, as Atlas answers with a whole peering connection.\nfunc Example_readmeLine%d() {\n%s%s", ex.line, ex.line,
			readmePrelude(start, "readmePeer", !inPackage), block)
		if ex.sent != "" {
			b.WriteString("fmt.Println(\"sent:\", string(srv.Last().Body))\n")
		}
		b.WriteString("for _, p := range srv.Problems() {\nfmt.Println(\"fake:\", p)\n}\n// Output:")
		if ex.output != "" {
			b.WriteString("\n// " + ex.output)
		}
		if ex.sent != "" {
			b.WriteString("\n// sent: " + ex.sent)
		}
		check := ""
		if ex.sent != "" {
			check = fmt.Sprintf("if got := string(srv.Last().Body); got != %q {\nt.Errorf(\"sent %%s, want %%s\", got, %q)\n}\n", ex.sent, ex.sent)
		}
		fmt.Fprintf(&b, "\n}\n\n// From README.md:%d, as Atlas answers with required fields only.\nfunc TestREADMELine%dMinimal(t *testing.T) {\n%s%s%s}\n\n",
			ex.line, ex.line, readmePrelude("srv := fakeatlas.New(t, "+doc+")\n", "readmeMinimalPeer", !inPackage), block, check)
	}
	src := []byte(b.String())
	if inPackage {
		src = unqualify(src)
	}
	out, err := format.Source(src)
	if err != nil {
		t.Fatalf("README examples do not parse: %v\n%s", err, src)
	}
	return out
}

// declaredNames lists what a block declares at its top level.
func declaredNames(t *testing.T, ex readmeExample) []string {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "", "package p\nfunc f() {\n"+ex.code+"\n}\n", 0)
	if err != nil {
		t.Fatalf("README.md:%d: %v", ex.line, err)
	}
	var names []string
	add := func(id *ast.Ident) {
		if id.Name != "_" {
			names = append(names, id.Name)
		}
	}
	for _, stmt := range f.Decls[0].(*ast.FuncDecl).Body.List {
		switch s := stmt.(type) {
		case *ast.AssignStmt:
			if s.Tok == token.DEFINE {
				for _, lhs := range s.Lhs {
					add(lhs.(*ast.Ident))
				}
			}
		case *ast.DeclStmt:
			for _, spec := range s.Decl.(*ast.GenDecl).Specs {
				if vs, ok := spec.(*ast.ValueSpec); ok {
					for _, n := range vs.Names {
						add(n)
					}
				}
			}
		}
	}
	return names
}

// unqualify rewrites atlas.X to X and drops the snapshot and spec imports,
// for a test compiled inside the generated package. The README writes the
// package only as a qualifier, so the rewrite is textual.
func unqualify(src []byte) []byte {
	out := strings.ReplaceAll(string(src), "\t\"github.com/atlasgen/atlasgen/generated/atlas\"\n", "")
	out = strings.ReplaceAll(out, "\t\"github.com/atlasgen/atlasgen/spec\"\n", "")
	out = strings.ReplaceAll(out, ", spec.Document\n", ", 0\n")
	return []byte(qualifier.ReplaceAllString(out, "$1"))
}

var qualifier = regexp.MustCompile(`\batlas\.([A-Z])`)
