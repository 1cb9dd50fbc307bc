# Sourced by the bench scripts: sets JAVA to the first JDK 21+ found, since the default
# `java` on a machine may be older than the jar's class files.
find_java() {
	local candidate
	for candidate in "${JAVA_HOME:-}/bin/java" "$(command -v java || true)" /usr/lib/jvm/*/bin/java \
		/Library/Java/JavaVirtualMachines/*/Contents/Home/bin/java; do
		[ -x "$candidate" ] || continue
		local version
		version=$("$candidate" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
		if [ "${version%%.*}" -ge 21 ] 2>/dev/null; then echo "$candidate"; return; fi
	done
	echo "bench: no JDK 21+ found (set JAVA_HOME)" >&2; exit 1
}
JAVA=$(find_java)
