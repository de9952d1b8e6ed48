package satellogic_test

import (
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/eotask/eotask/satellogic"
	"github.com/eotask/eotask/satellogic/satellogictest"
	"github.com/eotask/eotask/tasking"
	"github.com/paulmach/orb"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// published runs a task to completion on srv and returns the adapter and
// its first published capture.
func published(t *testing.T, srv *satellogictest.Server) (*satellogic.Adapter, *tasking.Capture) {
	t.Helper()
	p := srv.Client().Provider(satellogic.ProviderDefaults{})
	ctx := context.Background()
	now := srv.Now()
	task, err := p.Submit(ctx, &tasking.Request{Name: "deliver", Geometry: orb.Point{-46.3047, -23.9608},
		Start: now.Add(time.Hour), End: now.Add(3 * 24 * time.Hour)})
	require.NoError(t, err)
	final, err := tasking.WaitTask(ctx, p, task.ID, fastWait)
	require.NoError(t, err)
	require.Equal(t, tasking.StatusCompleted, final.Status)
	caps, err := tasking.Collect(p.Captures(ctx, task.ID))
	require.NoError(t, err)
	require.NotEmpty(t, caps)
	for _, c := range caps {
		if c.Status == tasking.CapturePublished {
			return p, c
		}
	}
	t.Fatal("no published capture")
	return nil, nil
}

// publishedAssets starts a simulator (closed with the test), runs a task to
// completion on it and returns the adapter, the first published capture and
// its assets.
func publishedAssets(t *testing.T) (*satellogictest.Server, *satellogic.Adapter, *tasking.Capture, []*tasking.Asset) {
	t.Helper()
	srv := satellogictest.NewServer()
	t.Cleanup(srv.Close)
	p, capture := published(t, srv)
	assets, err := p.Assets(context.Background(), capture)
	require.NoError(t, err)
	return srv, p, capture, assets
}

// assetNamed returns the asset with the given attachment name.
func assetNamed(t *testing.T, assets []*tasking.Asset, name string) *tasking.Asset {
	t.Helper()
	for _, a := range assets {
		if a.Raw.(*satellogic.Attachment).Name == name {
			return a
		}
	}
	t.Fatalf("no %s attachment", name)
	return nil
}

func TestDeliverEndToEnd(t *testing.T) {
	srv := satellogictest.NewServer()
	defer srv.Close()
	p, capture := published(t, srv)
	ctx := context.Background()

	assert.Equal(t, satellogic.Name, capture.Provider)
	assert.Equal(t, "published", capture.RawStatus)
	require.IsType(t, &satellogic.Capture{}, capture.Raw)
	assert.Equal(t, capture.TaskID, strconv.FormatInt(capture.Raw.(*satellogic.Capture).TaskID, 10))

	srv.ResetRequests()
	assets, err := p.Assets(ctx, capture)
	require.NoError(t, err)
	require.Len(t, assets, 2)
	assert.Equal(t, satellogic.AttachmentDeliveryZip, assets[0].Raw.(*satellogic.Attachment).Name, "delivery_zip first")
	assert.True(t, strings.HasSuffix(assets[0].Name, "_delivery.zip"), assets[0].Name)
	assert.Equal(t, "application/zip", assets[0].MediaType)
	assert.Equal(t, "image/png", assets[1].MediaType)
	for _, a := range assets {
		assert.Equal(t, capture.ID, a.CaptureID)
		assert.Zero(t, a.Size, "Satellogic gives no size")
		assert.True(t, a.Checksum.IsZero(), "Satellogic gives no checksum")
		assert.True(t, strings.HasPrefix(a.Raw.(*satellogic.Attachment).URL, srv.StorageURL()), "links go to the storage host")
	}
	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "/telluric/scenes/", reqs[0].Path)
	assert.Equal(t, capture.ID, reqs[0].Query.Get("sceneset_id"))
	assert.Equal(t, srv.ContractID, reqs[0].Header.Get(satellogic.HeaderContract))
	assert.NotEmpty(t, reqs[0].Header.Get(satellogic.HeaderToken))

	dir := t.TempDir()
	for _, a := range assets {
		got, err := tasking.Download(ctx, a, filepath.Join(dir, a.Name), nil)
		require.NoError(t, err)
		assert.Equal(t, "size", got.Verified, "verified by the announced Content-Length")
		st, err := os.Stat(got.Path)
		require.NoError(t, err)
		assert.Equal(t, got.Size, st.Size())
		assert.GreaterOrEqual(t, got.Size, int64(64<<10))
	}
	for _, r := range storageRequests(t, srv, len(assets)) {
		assert.Equal(t, http.StatusOK, r.Status)
	}
}

func TestDeliverResumesAfterACut(t *testing.T) {
	srv, _, _, assets := publishedAssets(t)
	ctx := context.Background()
	preview := assetNamed(t, assets, "preview") // 64 KiB
	const half = 32 << 10

	srv.CutDownloads(1, half)
	path := filepath.Join(t.TempDir(), preview.Name)
	got, err := tasking.Download(ctx, preview, path, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(2*half), got.Size)
	assert.Equal(t, 1, got.Resumes)
	reqs := storageRequests(t, srv, 2)
	require.Len(t, reqs, 2)
	assert.Empty(t, reqs[0].Range)
	assert.Equal(t, int64(half), reqs[0].Sent)
	assert.Equal(t, "bytes=32768-", reqs[1].Range)
	assert.Equal(t, http.StatusPartialContent, reqs[1].Status)
	assert.Equal(t, int64(half), reqs[1].Sent, "the resume fetched only the missing half")
}

func TestDeliverIntegrityMismatchLeavesNoFile(t *testing.T) {
	_, _, _, assets := publishedAssets(t)
	ctx := context.Background()
	dir := t.TempDir()

	wrongSize := *assetNamed(t, assets, "preview")
	wrongSize.Size = 64<<10 + 1 // a size known from elsewhere that the host contradicts
	path := filepath.Join(dir, "size.png")
	_, err := tasking.Download(ctx, &wrongSize, path, nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity)

	wrongSum := *assetNamed(t, assets, "preview")
	wrongSum.Checksum = tasking.Checksum{Algorithm: "md5", Value: strings.Repeat("0", 32)}
	path2 := filepath.Join(dir, "sum.png")
	_, err = tasking.Download(ctx, &wrongSum, path2, nil)
	require.ErrorIs(t, err, tasking.ErrIntegrity)

	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "no file and no partial file is left")
}

func TestDeliverSendsNoCredentialToStorage(t *testing.T) {
	srv, _, _, assets := publishedAssets(t)
	ctx := context.Background()
	_, err := tasking.DownloadAll(ctx, assets, t.TempDir(), nil)
	require.NoError(t, err)
	reqs := storageRequests(t, srv, len(assets))
	require.Len(t, reqs, len(assets))
	for _, r := range reqs {
		assert.Equal(t, http.StatusOK, r.Status)
		for _, h := range []string{satellogic.HeaderToken, satellogic.HeaderContract, "Authorization", "Cookie"} {
			assert.Empty(t, r.Header.Get(h), "storage request carried %s", h)
		}
	}
}

func TestDeliverExpiredLinkIsRefused(t *testing.T) {
	srv, p, capture, assets := publishedAssets(t)
	ctx := context.Background()
	srv.SetNow(srv.Now().Add(2 * time.Hour))
	_, err := tasking.Download(ctx, assets[0], filepath.Join(t.TempDir(), assets[0].Name), nil)
	require.ErrorIs(t, err, tasking.ErrForbidden, "a lapsed pre-signed link")

	fresh, err := p.Assets(ctx, capture)
	require.NoError(t, err)
	_, err = tasking.Download(ctx, fresh[0], filepath.Join(t.TempDir(), fresh[0].Name), nil)
	require.NoError(t, err, "listing again signs fresh links")
}

func TestDeliverCancelledMidDownload(t *testing.T) {
	srv, _, _, assets := publishedAssets(t)
	zip := assetNamed(t, assets, satellogic.AttachmentDeliveryZip)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The transfer breaks after 64 KiB, and the caller cancels on the
	// first bytes: the download must stop there and not resume.
	srv.CutDownloads(1, 64<<10)
	opts := &tasking.DownloadOptions{Progress: func(pr tasking.Progress) {
		if pr.Done > 0 {
			cancel()
		}
	}}
	path := filepath.Join(t.TempDir(), zip.Name)
	_, err := tasking.Download(ctx, zip, path, opts)
	require.ErrorIs(t, err, context.Canceled)
	_, err = os.Stat(path)
	assert.True(t, errors.Is(err, os.ErrNotExist), "no finished file after a cancel")
	reqs := storageRequests(t, srv, 1)
	assert.Len(t, reqs, 1, "no resume after the cancel")

	// A later call starts over: Satellogic gives no checksum, so bytes left
	// by an earlier call could not be told from the right ones.
	got, err := tasking.Download(context.Background(), zip, path, nil)
	require.NoError(t, err)
	assert.Equal(t, got.Size, got.Fetched, "the partial file was not taken up")
	assert.Equal(t, "size", got.Verified)
}

// storageRequests returns the storage host's log, which must hold at least n
// requests (the log waits for answers still being written).
func storageRequests(t *testing.T, srv *satellogictest.Server, n int) []satellogictest.StorageRequest {
	t.Helper()
	reqs := srv.StorageRequests()
	require.GreaterOrEqual(t, len(reqs), n)
	return reqs
}

func TestAssetsRefusals(t *testing.T) {
	srv := satellogictest.NewServer(satellogictest.WithStepsPerPoll(0))
	defer srv.Close()
	p := srv.Client().Provider(satellogic.ProviderDefaults{})
	ctx := context.Background()
	var ve *tasking.ValidationError

	_, err := p.Assets(ctx, nil)
	require.ErrorAs(t, err, &ve)
	_, err = p.Assets(ctx, &tasking.Capture{Provider: "planet", ID: "a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe"})
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "Capture", ve.Field)
	_, err = p.Assets(ctx, &tasking.Capture{Provider: satellogic.Name, ID: "bad\nid"})
	require.ErrorAs(t, err, &ve)
	for c, err := range p.Captures(ctx, "") {
		assert.Nil(t, c)
		require.ErrorIs(t, err, tasking.ErrInvalidRequest)
	}
	assert.Empty(t, srv.Requests(), "nothing is sent for a refused call")

	// A capture that is not published yet has no files.
	_, err = p.Assets(ctx, &tasking.Capture{Provider: satellogic.Name, ID: "6b4901f0-530b-4527-9e31-8624d8d7864b",
		Status: tasking.CaptureQueued, RawStatus: "queued"})
	require.ErrorIs(t, err, tasking.ErrNotFound)

	// The simulator answers a sceneset_id that is not a UUID as Django does.
	_, err = srv.Client().Scenes.List(ctx, &satellogic.SceneListOptions{SceneSetID: "not-a-uuid"})
	require.ErrorIs(t, err, tasking.ErrInvalidRequest)
}

func TestCapturesDecodeDigestExample(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"tasking/tasks/301877/captures/", 200, fixture(t, "captures.json"))
	p := env.c.Provider(satellogic.ProviderDefaults{})
	caps, err := tasking.Collect(p.Captures(context.Background(), "301877"))
	require.NoError(t, err)
	require.Len(t, caps, 2)
	assert.Equal(t, "a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe", caps[0].ID)
	assert.Equal(t, "301877", caps[0].TaskID)
	assert.Equal(t, tasking.CapturePublished, caps[0].Status)
	assert.Equal(t, tasking.CaptureQueued, caps[1].Status)
	assert.Equal(t, "queued", caps[1].RawStatus)
}

func TestScenesDecodeDigestExample(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"telluric/scenes/", 200, fixture(t, "scenes.json"))
	ctx := context.Background()
	page, err := env.c.Scenes.List(ctx, &satellogic.SceneListOptions{SceneSetID: "a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe"})
	require.NoError(t, err)
	require.Len(t, page.Results, 1)
	sc := page.Results[0]
	assert.Equal(t, "5d1e6f7a-0b1c-4d2e-8f30-4a5b6c7d8e9f", sc.SceneID)
	assert.Equal(t, "a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe", sc.SceneSetID)
	assert.JSONEq(t, `{"timestamp": "2025-05-22T13:41:07Z"}`, string(sc.Unknown), "unknown members are kept")
	require.Len(t, sc.Attachments, 2)
	zip := sc.Attachments[1]
	assert.Equal(t, satellogic.AttachmentDeliveryZip, zip.Name)
	assert.Equal(t, "5d1e6f7a_delivery.zip", zip.File())
	assert.Equal(t, "application/zip", zip.MediaType())
	assert.JSONEq(t, `{"size_hint": "unknown"}`, string(zip.Unknown))
	last := env.api.last()
	assert.Contains(t, last.URL, "sceneset_id=a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe")
	assert.Equal(t, testCont, last.Header.Get(satellogic.HeaderContract))

	assets, err := env.c.Provider(satellogic.ProviderDefaults{}).Assets(ctx,
		&tasking.Capture{Provider: satellogic.Name, ID: "a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe", Status: tasking.CapturePublished})
	require.NoError(t, err)
	require.Len(t, assets, 2)
	assert.Equal(t, "5d1e6f7a_delivery.zip", assets[0].Name, "delivery_zip first")
	assert.Equal(t, "5d1e6f7a_preview.png", assets[1].Name)

	_, err = env.c.Scenes.List(ctx, &satellogic.SceneListOptions{SceneSetID: "x\x00"})
	var ve *tasking.ValidationError
	require.ErrorAs(t, err, &ve)
	assert.Equal(t, "sceneset_id", ve.Field)
}

func TestAttachmentNamesAreUniqueAndTyped(t *testing.T) {
	env := newMock(t)
	env.on(http.MethodGet, apiBase+"telluric/scenes/", 200, []byte(`{"count": 2, "next": null, "results": [
		{"scene_id": "s1", "attachments": [{"name": "delivery_zip", "url": "https://s.example.com/a", "file_name": "product.zip"},
			{"name": "metadata", "url": "https://s.example.com/m", "file_name": ""}, {"name": "nothing", "url": ""}]},
		{"scene_id": "s2", "attachments": [{"name": "delivery_zip", "url": "https://s.example.com/b", "file_name": "product.zip"}]}]}`))
	assets, err := env.c.Provider(satellogic.ProviderDefaults{}).Assets(context.Background(),
		&tasking.Capture{Provider: satellogic.Name, ID: "a0ab38b2-8cca-4f27-8c18-4c79c6f91cbe"})
	require.NoError(t, err)
	var names []string
	for _, a := range assets {
		names = append(names, a.Name)
	}
	assert.Equal(t, []string{"product.zip", "s2_product.zip", "metadata"}, names,
		"the products first; an attachment without a link is left out")
	assert.Equal(t, "", assets[2].MediaType, "no extension, no media type")
}

func TestScenesPageAndStayWithinTheContract(t *testing.T) {
	srv := satellogictest.NewServer(satellogictest.WithDefaultLimit(1), satellogictest.WithContracts(
		satellogictest.Contract{ID: "cont.a", Name: "A"}, satellogictest.Contract{ID: "cont.b", Name: "B"}))
	defer srv.Close()
	c := srv.Client()
	ctx := context.Background()
	now := srv.Now()
	task, err := c.Tasks.Create(ctx, &satellogic.TaskCreateRequest{TaskName: "three", ProjectName: "p",
		Product: satellogic.ProductPOI, Target: orb.Point{1, 2}, Start: now.Add(time.Hour), End: now.Add(5 * 24 * time.Hour),
		MaxCaptures: 3})
	require.NoError(t, err)
	final, err := c.Tasks.Wait(ctx, task.TaskID, fastWait)
	require.NoError(t, err)
	require.Equal(t, satellogic.TaskCompleted, final.Status)

	srv.ResetRequests()
	scenes, err := tasking.Collect(c.Scenes.All(ctx, nil))
	require.NoError(t, err)
	require.Len(t, scenes, 3, "one scene per published capture")
	assert.Len(t, srv.Requests(), 3, "one scene a page, following next links")
	for _, sc := range scenes {
		assert.NotEmpty(t, sc.SceneSetID)
		require.NotEmpty(t, sc.Attachments)
		assert.Equal(t, satellogic.AttachmentDeliveryZip, sc.Attachments[0].Name)
	}

	other, err := c.WithContract("cont.b")
	require.NoError(t, err)
	page, err := other.Scenes.List(ctx, &satellogic.SceneListOptions{SceneSetID: scenes[0].SceneSetID})
	require.NoError(t, err)
	assert.Empty(t, page.Results, "another contract's scenes are not listed")
	_, err = other.Provider(satellogic.ProviderDefaults{}).Assets(ctx, &tasking.Capture{Provider: satellogic.Name,
		ID: scenes[0].SceneSetID, Status: tasking.CapturePublished})
	require.NoError(t, err, "a published capture with no scenes visible lists no assets")
}
