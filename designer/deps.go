package designer

import (
	_ "cel.dev/cel-go/cel"
	_ "github.com/santhosh-tekuri/jsonschema/v6"
	_ "go.yaml.in/yaml/v3"
)
