#!/usr/bin/env bash
# Installs the MusicXML schema set (musicxml.xsd + the xlink.xsd / xml.xsd it imports) into tests/.cache/musicxml-xsd/
# for WhatsTheTab.TestSupport.MusicXml.MusicXmlSchema. Idempotent: does nothing when the files are already there.
#
# Source: Debian's musescore3 package (bookworm: 3.2.3+dfsg2-16), whose mscore3 binary carries the MusicXML 3.1
# schema set in its Qt resources. No npm, NuGet or Debian package ships the MusicXML 4.0 XSD, so 3.1 is the newest
# complete set a registry offers; see tests/Browser/README.md for what that leaves unchecked. The .deb is only
# downloaded and unpacked into a temporary folder, never installed. Needs apt-get, dpkg-deb and node.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="$(cd "$here/.." && pwd)/.cache/musicxml-xsd"
package=musescore3

if [ -s "$dest/musicxml.xsd" ] && [ -s "$dest/xlink.xsd" ] && [ -s "$dest/xml.xsd" ] && [ -s "$dest/SOURCE.txt" ]; then
  echo "MusicXML XSD already installed in $dest ($(head -1 "$dest/SOURCE.txt"))"
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
# apt-get download drops root privileges to _apt; let that user write here (silences the "unsandboxed" warning).
chmod 755 "$work"
chown _apt "$work" 2>/dev/null || true

cd "$work"
if ! apt-get download -qq "$package" 2>/dev/null; then
  # A fresh machine may have no package lists yet.
  apt-get update -qq
  apt-get download -qq "$package"
fi
deb="$(ls "$work"/${package}_*.deb)"
version="$(dpkg-deb -f "$deb" Version)"

dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$work" ./usr/bin/mscore3
staging="$work/xsd"
musicxml_version="$(node "$here/extract-musicxml-xsd.mjs" "$work/usr/bin/mscore3" "$staging")"

{
  echo "MusicXML $musicxml_version schema from Debian package $package $version (/usr/bin/mscore3 Qt resources)"
  (cd "$staging" && sha256sum musicxml.xsd xlink.xsd xml.xsd)
} >"$staging/SOURCE.txt"

mkdir -p "$(dirname "$dest")"
rm -rf "$dest"
mv "$staging" "$dest"
echo "Installed MusicXML $musicxml_version XSD into $dest (from $package $version)"
