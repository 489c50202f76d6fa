package attachment

import (
	"time"

	"github.com/formworkhq/formwork/internal/mongo"
)

// Collections of the package.
const (
	// Collection holds one metadata document per complete file.
	Collection = "attachments"
	// ChunksCollection holds the files' bytes, read by _id only.
	ChunksCollection = "attachment_chunks"
)

// Purpose says what a file was uploaded for.
type Purpose string

// The purposes of uploads.
const (
	// PurposeAttachment is a file attached to an attachment field.
	PurposeAttachment Purpose = "attachment"
	// PurposeSignature is a drawn signature: a PNG for a signature field.
	PurposeSignature Purpose = "signature"
)

// Attachment is the metadata of one stored file.
type Attachment struct {
	ID             string `bson:"_id" json:"id"`
	mongo.Tenanted `bson:",inline" json:"-"`

	// Name is the file name as uploaded, without any directory part.
	Name string `bson:"name" json:"name"`
	// Size is the length of the content in bytes.
	Size int64 `bson:"size" json:"size"`
	// SHA256 is the hex SHA-256 of the content.
	SHA256 string `bson:"sha256" json:"sha256"`
	// ContentType is the media type detected from the content.
	ContentType string `bson:"content_type" json:"content_type"`
	// Purpose is attachment or signature.
	Purpose Purpose `bson:"purpose" json:"purpose"`
	// Signer is the name of whoever drew a signature, as the uploader
	// typed it; empty for attachments.
	Signer string `bson:"signer,omitempty" json:"signer,omitempty"`
	// Chunks is how many chunk documents hold the content.
	Chunks int `bson:"chunks" json:"-"`
	// UploadedBy is the user who uploaded the file; for a signature it
	// vouches for the signer.
	UploadedBy string `bson:"uploaded_by" json:"uploaded_by"`
	// UploadedAt is when the upload finished; for a signature, when it
	// was signed.
	UploadedAt time.Time `bson:"uploaded_at" json:"uploaded_at"`
}

// chunk is one piece of a file's content.
type chunk struct {
	ID             string `bson:"_id"`
	mongo.Tenanted `bson:",inline"`
	FileID         string `bson:"file_id"`
	N              int    `bson:"n"`
	Data           []byte `bson:"data"`
}
