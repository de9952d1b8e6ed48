package shape

import (
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var providers = []string{"planet", "satellogic", "clearsky", "capella"}

// pkg is the parsed source of one package directory.
type pkg struct {
	dir   string
	files map[string]*ast.File // by base name
}

func load(t *testing.T, dir string) *pkg {
	t.Helper()
	root := filepath.Join("..", "..", dir)
	entries, err := os.ReadDir(root)
	require.NoError(t, err)
	p := &pkg{dir: dir, files: map[string]*ast.File{}}
	fset := token.NewFileSet()
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(root, e.Name()), nil, parser.ParseComments)
		require.NoError(t, err)
		p.files[e.Name()] = f
	}
	return p
}

// methods returns the exported methods declared on receiver type recv (in
// non-test files), with their doc text.
func (p *pkg) methods(recv string) map[string]string {
	out := map[string]string{}
	for name, f := range p.files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if !ok || fd.Recv == nil || !fd.Name.IsExported() || receiver(fd) != recv {
				continue
			}
			out[fd.Name.Name] = fd.Doc.Text()
		}
	}
	return out
}

// result returns the first result type of method name on recv, as source
// text ("*tasking.Task"), or "" when there is no such method.
func (p *pkg) result(recv, name string) string { return p.resultN(recv, name, 0) }

// resultN returns the i-th result type of method name on recv, as source
// text, or "" when there is no such method or result.
func (p *pkg) resultN(recv, name string, i int) string {
	for file, f := range p.files {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		for _, d := range f.Decls {
			fd, ok := d.(*ast.FuncDecl)
			if ok && fd.Recv != nil && fd.Name.Name == name && receiver(fd) == recv && fd.Type.Results != nil &&
				len(fd.Type.Results.List) > i {
				return types.ExprString(fd.Type.Results.List[i].Type)
			}
		}
	}
	return ""
}

func receiver(fd *ast.FuncDecl) string {
	t := fd.Recv.List[0].Type
	if s, ok := t.(*ast.StarExpr); ok {
		t = s.X
	}
	if id, ok := t.(*ast.Ident); ok {
		return id.Name
	}
	return ""
}

// types returns the names of the types declared in non-test files.
func (p *pkg) types() []string {
	var out []string
	for name, f := range p.files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		for _, d := range f.Decls {
			if gd, ok := d.(*ast.GenDecl); ok && gd.Tok == token.TYPE {
				for _, s := range gd.Specs {
					out = append(out, s.(*ast.TypeSpec).Name.Name)
				}
			}
		}
	}
	return out
}

// examples counts the Example functions of the package's test files.
func (p *pkg) examples() int {
	n := 0
	for name, f := range p.files {
		if !strings.HasSuffix(name, "_test.go") {
			continue
		}
		for _, d := range f.Decls {
			if fd, ok := d.(*ast.FuncDecl); ok && fd.Recv == nil && strings.HasPrefix(fd.Name.Name, "Example") {
				n++
			}
		}
	}
	return n
}

// endpoint matches "METHOD /path" in a doc comment.
var endpoint = regexp.MustCompile(`\b(GET|POST|PUT|PATCH|DELETE) /`)

func TestProviderPackagesFollowTheTemplate(t *testing.T) {
	total := 0
	for _, name := range providers {
		t.Run(name, func(t *testing.T) {
			p := load(t, name)
			for _, f := range []string{"doc.go", "client.go", "options.go", "enums.go", "lifecycle.go", "provider.go", "example_test.go"} {
				assert.Contains(t, p.files, f, "the template's %s", f)
			}
			assert.True(t, declaresOptionType(p.files["options.go"]), "options.go declares type Option func(*options)")
			for file, f := range p.files {
				if !strings.HasSuffix(file, "_test.go") {
					assert.False(t, usesSelector(f, "transport", "WithExt") || usesSelector(f, "transport", "Apply"),
						"%s: provider settings go through the package's own options, not transport.WithExt", file)
					assert.False(t, usesSelector(f, "io", "Copy") || usesSelector(f, "io", "CopyBuffer") || usesSelector(f, "io", "CopyN"),
						"%s: files are fetched through tasking.Download over a transport Source, not a download loop of its own", file)
				}
			}
			client := p.methods("Client")
			for _, m := range []string{"BaseURL", "PollDelays", "Provider"} {
				assert.Contains(t, client, m, "Client.%s", m)
			}
			adapter := p.methods("Adapter")
			for _, m := range []string{"Name", "Client", "Request", "Submit", "Task", "Tasks", "Cancel", "Estimate", "PollDelays", "Captures", "Assets"} {
				assert.Contains(t, adapter, m, "Adapter.%s", m)
			}
			assert.Equal(t, "error", p.resultN("Adapter", "Request", 1), "Adapter.Request returns (request, error)")
			neutral := 0
			for _, typ := range p.types() {
				if _, ok := p.methods(typ)["Neutral"]; ok {
					neutral++
				}
			}
			assert.GreaterOrEqual(t, neutral, 2, "the main resource and its status enum have Neutral()")
			resources := 0
			for _, typ := range p.types() {
				if p.result(typ, "Neutral") != "*tasking.Task" {
					continue
				}
				resources++
				assert.Equal(t, "string", p.result(typ, "GetID"), "%s.GetID() string", typ)
				assert.Equal(t, "string", p.result(typ, "GetName"), "%s.GetName() string", typ)
				status := p.result(typ, "GetStatus")
				assert.Equal(t, "tasking.Status", p.result(status, "Neutral"), "%s.GetStatus() returns a status enum with Neutral()", typ)
				served := false
				for _, svc := range p.types() {
					if !strings.HasSuffix(svc, "Service") || p.result(svc, "Get") != "*"+typ {
						continue
					}
					served = true
					for _, m := range []string{"Create", "Get", "List", "All", "Cancel", "Wait", "Watch"} {
						assert.Contains(t, p.methods(svc), m, "%s, the service of %s, has %s", svc, typ, m)
					}
					assert.Equal(t, "*"+typ, p.result(svc, "Cancel"), "%s.Cancel returns the %s as it stands", svc, typ)
				}
				assert.True(t, served, "a service's Get returns the main resource %s", typ)
			}
			assert.Positive(t, resources, "a main resource: Neutral() *tasking.Task")
			services := 0
			for _, typ := range p.types() {
				if !strings.HasSuffix(typ, "Service") {
					continue
				}
				services++
				methods := p.methods(typ)
				for m, doc := range methods {
					assert.Regexp(t, endpoint, doc, "%s.%s: its doc names its endpoint (METHOD /path)", typ, m)
				}
				if _, ok := methods["Wait"]; ok {
					assert.Contains(t, methods, "Watch", "%s has Wait, so it has Watch, its iterator form", typ)
				}
			}
			assert.Positive(t, services, "services are named <Area>Service")
			for field, typ := range clientServices(p) {
				assert.Equal(t, field+"Service", typ, "Client.%s is a *%sService", field, field)
			}
			assert.GreaterOrEqual(t, p.examples(), 6, "runnable examples in %s", name)
			total += p.examples()

			sim := load(t, filepath.Join(name, name+"test"))
			controls := sim.methods("Server")
			for _, m := range []string{"Now", "SetNow", "Advance", "FailNext", "Requests", "ResetRequests", "Status", "Client",
				"CutDownloads", "StorageRequests", "StorageURL"} {
				assert.Contains(t, controls, m, "%stest.Server.%s", name, m)
			}
			assert.GreaterOrEqual(t, sim.examples(), 2, "runnable examples in %stest", name)
			assert.True(t, holdsKit(sim), "%stest.Server is built on the shared simulator kit (a simkit.Kit field)", name)
			total += sim.examples()
		})
	}
	for _, dir := range []string{"tasking", "geo"} {
		total += load(t, dir).examples()
	}
	assert.GreaterOrEqual(t, total, 25, "runnable examples in the public packages")
}

// holdsKit reports whether the package's Server struct has a simkit.Kit field.
func holdsKit(p *pkg) bool {
	for _, f := range p.files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, s := range gd.Specs {
				ts := s.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if ts.Name.Name != "Server" || !ok {
					continue
				}
				for _, fl := range st.Fields.List {
					if se, ok := fl.Type.(*ast.SelectorExpr); ok && se.Sel.Name == "Kit" {
						if id, ok := se.X.(*ast.Ident); ok && id.Name == "simkit" {
							return true
						}
					}
				}
			}
		}
	}
	return false
}

func declaresOptionType(f *ast.File) bool {
	if f == nil {
		return false
	}
	for _, d := range f.Decls {
		gd, ok := d.(*ast.GenDecl)
		if !ok || gd.Tok != token.TYPE {
			continue
		}
		for _, s := range gd.Specs {
			ts := s.(*ast.TypeSpec)
			if ts.Name.Name != "Option" || ts.Assign.IsValid() {
				continue
			}
			ft, ok := ts.Type.(*ast.FuncType)
			if !ok || ft.Params == nil || len(ft.Params.List) != 1 {
				return false
			}
			star, ok := ft.Params.List[0].Type.(*ast.StarExpr)
			if !ok {
				return false
			}
			id, ok := star.X.(*ast.Ident)
			return ok && id.Name == "options"
		}
	}
	return false
}

func usesSelector(f *ast.File, pkgName, sel string) bool {
	found := false
	ast.Inspect(f, func(n ast.Node) bool {
		if se, ok := n.(*ast.SelectorExpr); ok {
			if id, ok := se.X.(*ast.Ident); ok && id.Name == pkgName && se.Sel.Name == sel {
				found = true
			}
		}
		return !found
	})
	return found
}

// clientServices maps each Client field whose type is a pointer to a
// *Service type onto that type's name.
func clientServices(p *pkg) map[string]string {
	out := map[string]string{}
	for _, f := range p.files {
		for _, d := range f.Decls {
			gd, ok := d.(*ast.GenDecl)
			if !ok || gd.Tok != token.TYPE {
				continue
			}
			for _, sp := range gd.Specs {
				ts := sp.(*ast.TypeSpec)
				st, ok := ts.Type.(*ast.StructType)
				if ts.Name.Name != "Client" || !ok {
					continue
				}
				for _, fl := range st.Fields.List {
					star, ok := fl.Type.(*ast.StarExpr)
					if !ok {
						continue
					}
					id, ok := star.X.(*ast.Ident)
					if !ok || !strings.HasSuffix(id.Name, "Service") {
						continue
					}
					for _, n := range fl.Names {
						out[n.Name] = id.Name
					}
				}
			}
		}
	}
	return out
}
