package attachment

import (
	"strconv"
	"strings"

	"github.com/formworkhq/formwork/internal/i18n"
	"github.com/formworkhq/formwork/internal/problem"
)

// fieldPrefix starts the catalog keys of this package's field messages.
const fieldPrefix = "attachment.field."

func init() {
	i18n.Register(map[string]map[i18n.Locale]string{
		"attachment.not_found": {
			i18n.English: "No such file.",
			i18n.Chinese: "未找到该文件。",
		},
		"attachment.too_large": {
			i18n.English: "The file is larger than {max}, the most one upload takes.",
			i18n.Chinese: "文件超过单个上传上限 {max}。",
		},
		"attachment.type_refused": {
			i18n.English: "Files of this kind ({type}) cannot be uploaded. Upload an image, " +
				"a PDF, an office document, a plain-text or a CSV file.",
			i18n.Chinese: "不能上传此类文件（{type}）。请上传图片、PDF、Office 文档、纯文本或 CSV 文件。",
		},
		"attachment.macros": {
			i18n.English: "Office documents with macros cannot be uploaded. " +
				"Save the document without macros and try again.",
			i18n.Chinese: "不能上传含宏的 Office 文档。请另存为不含宏的格式后重试。",
		},
		"attachment.signature_png": {
			i18n.English: "A signature must be a PNG image.",
			i18n.Chinese: "签名必须是 PNG 图片。",
		},
		"attachment.multipart_required": {
			i18n.English: "Send the file as multipart/form-data, in the part \"file\".",
			i18n.Chinese: "请以 multipart/form-data 格式上传，文件放在“file”字段中。",
		},
		"attachment.malformed": {
			i18n.English: "The upload could not be read: {reason}.",
			i18n.Chinese: "无法读取上传内容：{reason}。",
		},
	})
	i18n.Register(fieldMessages)
}

// fieldMessages are the messages of the field errors of an upload, keyed
// fieldPrefix + code.
var fieldMessages = map[string]map[i18n.Locale]string{
	fieldPrefix + "file_required": {
		i18n.English: "Choose a file to upload.",
		i18n.Chinese: "请选择要上传的文件。",
	},
	fieldPrefix + "file_empty": {
		i18n.English: "The file is empty.",
		i18n.Chinese: "文件内容为空。",
	},
	fieldPrefix + "one_file": {
		i18n.English: "Upload one file at a time.",
		i18n.Chinese: "每次只能上传一个文件。",
	},
	fieldPrefix + "purpose_invalid": {
		i18n.English: "\"{purpose}\" is not a purpose of uploads. Use attachment or signature.",
		i18n.Chinese: "“{purpose}”不是有效的上传用途。可选：attachment、signature。",
	},
	fieldPrefix + "signer_required": {
		i18n.English: "Say who signed.",
		i18n.Chinese: "请填写签名人。",
	},
	fieldPrefix + "signer_too_long": {
		i18n.English: "The signer's name may be at most {max} characters.",
		i18n.Chinese: "签名人姓名不能超过 {max} 个字符。",
	},
}

// fieldErr is a field error with its messages from this package's catalog.
func fieldErr(ptr, code string, params i18n.Params) problem.FieldError {
	f := problem.Field(ptr, code, params)
	f.Messages = make(map[i18n.Locale]string, len(i18n.Locales))
	for _, l := range i18n.Locales {
		f.Messages[l] = i18n.T(l, fieldPrefix+code, params)
	}
	return f
}

// humanSize renders a byte count the way people read it: "20 MB".
func humanSize(n int64) string {
	one := func(v float64) string {
		return strings.TrimSuffix(strconv.FormatFloat(v, 'f', 1, 64), ".0")
	}
	switch {
	case n >= 1<<20:
		return one(float64(n)/(1<<20)) + " MB"
	case n >= 1<<10:
		return one(float64(n)/(1<<10)) + " KB"
	}
	return strconv.FormatInt(n, 10) + " B"
}
