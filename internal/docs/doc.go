// Package docs holds the test that keeps README.md true to the code: the
// state diagrams in it are the providers' Lifecycle tables drawn by
// Lifecycle.Mermaid. After changing a table, run
//
//	go test ./internal/docs -update
package docs
