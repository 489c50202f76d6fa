package kingdee_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// call is one request the fake received.
type call struct {
	Path   string
	Cookie string
	Body   map[string]any
}

// fake is a Kingdee server: it issues sessions at login, refuses calls
// without a live session in Kingdee's shape, and answers Save and
// ExecuteBillQuery from its customers.
type fake struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	calls     []call
	sessions  map[string]bool
	logins    int
	customers []map[string]any // FCUSTID, FNumber, FName
	// status, when set, is the ResponseStatus every Save answers.
	status map[string]any
	// httpStatus, when set, is the HTTP status of every answer.
	httpStatus int
	// loginResult is the LoginResultType logins answer; 1 unless set.
	loginResult int
	// expireAtSave forgets every session when the next Save arrives.
	expireAtSave bool
}

const base = "/k3cloud/"

func newFake(t *testing.T) *fake {
	t.Helper()
	f := &fake{t: t, sessions: map[string]bool{}, loginResult: 1}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// url is the server URL an instance is configured with.
func (f *fake) url() string { return f.srv.URL + base }

func (f *fake) serve(w http.ResponseWriter, r *http.Request) {
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		f.t.Errorf("%s: body is not JSON: %s", r.URL.Path, raw)
	}
	if r.Method != http.MethodPost || r.Header.Get("Content-Type") !=
		"application/json; charset=utf-8" {
		f.t.Errorf("%s %s with content type %q", r.Method, r.URL.Path,
			r.Header.Get("Content-Type"))
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, call{Path: strings.TrimPrefix(r.URL.Path, base),
		Cookie: r.Header.Get("Cookie"), Body: body})
	if f.httpStatus != 0 {
		w.WriteHeader(f.httpStatus)
		return
	}

	switch strings.TrimPrefix(r.URL.Path, base) {
	case "Kingdee.BOS.WebApi.ServicesStub.AuthService.LoginByAppSecret.common.kdsvc",
		"Kingdee.BOS.WebApi.ServicesStub.AuthService.ValidateUser.common.kdsvc":
		f.login(w)
	case "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.Save.common.kdsvc":
		if f.expireAtSave {
			f.sessions, f.expireAtSave = map[string]bool{}, false
		}
		f.withSession(w, r, false, func() { f.save(w, body) })
	case "Kingdee.BOS.WebApi.ServicesStub.DynamicFormService.ExecuteBillQuery.common.kdsvc":
		f.withSession(w, r, true, func() { f.query(w, body) })
	default:
		f.t.Errorf("unexpected path %s", r.URL.Path)
		w.WriteHeader(http.StatusNotFound)
	}
}

func (f *fake) login(w http.ResponseWriter) {
	if f.loginResult != 1 {
		fmt.Fprintf(w, `{"Message":"用户名或密码错误","MessageCode":"","LoginResultType":%d,`+
			`"Context":null,"KDSVCSessionId":null,"IsSuccessByAPI":false}`, f.loginResult)
		return
	}
	f.logins++
	id := fmt.Sprintf("sess-%d", f.logins)
	f.sessions[id] = true
	http.SetCookie(w, &http.Cookie{Name: "kdservice-sessionid", Value: id, Path: "/"})
	http.SetCookie(w, &http.Cookie{Name: "ASP.NET_SessionId", Value: "asp-" + id, Path: "/"})
	fmt.Fprintf(w, `{"Message":null,"MessageCode":"CheckPasswordPolicy","LoginResultType":1,`+
		`"Context":{"UserName":"api","SessionId":"asp-%s"},"KDSVCSessionId":"%s",`+
		`"IsSuccessByAPI":true}`, id, id)
}

// expire forgets every session, as Kingdee does after idle time.
func (f *fake) expire() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sessions = map[string]bool{}
}

// sessionLost is Kingdee's answer to a call without a live session.
const sessionLost = `{"Result":{"ResponseStatus":{"ErrorCode":500,"IsSuccess":false,` +
	`"Errors":[{"FieldName":null,"Message":"会话信息已丢失，请重新登录","DIndex":0}],` +
	`"SuccessEntitys":[],"SuccessMessages":[],"MsgCode":1}}}`

func (f *fake) withSession(w http.ResponseWriter, r *http.Request, query bool, next func()) {
	ck, err := r.Cookie("kdservice-sessionid")
	if err == nil && f.sessions[ck.Value] {
		next()
		return
	}
	if query {
		io.WriteString(w, "[["+sessionLost+"]]")
		return
	}
	io.WriteString(w, sessionLost)
}

func (f *fake) save(w http.ResponseWriter, body map[string]any) {
	if f.status != nil {
		b, _ := json.Marshal(map[string]any{"Result": map[string]any{"ResponseStatus": f.status,
			"Id": "", "Number": "", "NeedReturnData": []any{}}})
		w.Write(b)
		return
	}

	data, _ := body["data"].(map[string]any)
	m, _ := data["Model"].(map[string]any)
	id, _ := m["FCUSTID"].(float64)
	if id == 0 {
		id = float64(100001 + len(f.customers))
		f.customers = append(f.customers, map[string]any{"FCUSTID": id,
			"FNumber": m["FNumber"], "FName": m["FName"]})
	}
	fmt.Fprintf(w, `{"Result":{"ResponseStatus":{"ErrorCode":0,"IsSuccess":true,"Errors":[],`+
		`"SuccessEntitys":[{"Id":%d,"Number":"%v","DIndex":0}],"SuccessMessages":[],`+
		`"MsgCode":0},"Id":%d,"Number":"%v","NeedReturnData":[{}]}}`,
		int(id), m["FNumber"], int(id), m["FNumber"])
}

// query answers from the customers: FilterString "FNumber = 'x'" or none,
// in FNumber order, from StartRow, at most Limit rows.
func (f *fake) query(w http.ResponseWriter, body map[string]any) {
	data, _ := body["data"].(map[string]any)
	fields := strings.Split(data["FieldKeys"].(string), ",")
	filter, _ := data["FilterString"].(string)
	start, limit := int(data["StartRow"].(float64)), int(data["Limit"].(float64))

	rows := [][]any{}
	for i, c := range f.customers {
		if filter != "" && filter != fmt.Sprintf("FNumber = '%v'", c["FNumber"]) {
			continue
		}
		if i < start || len(rows) >= limit {
			continue
		}
		row := make([]any, len(fields))
		for j, k := range fields {
			row[j] = c[k]
		}
		rows = append(rows, row)
	}
	b, _ := json.Marshal(rows)
	w.Write(b)
}

// took returns and forgets the calls received so far.
func (f *fake) took() []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	out := f.calls
	f.calls = nil
	return out
}
