# Finds a JDK 25 (or newer) for Quetzal's scripts: mvnw, ./quetzal, .ci/run and the dist's bin/quetzal.
# POSIX sh, meant to be sourced. After `quetzal_use_jdk25`, JAVA_HOME names the JDK and
# "$JAVA_HOME/bin/java" runs it; when none is found it prints what to install and returns 1.
# Order: JAVA_HOME, the java on PATH, then the usual install folders (newest major last wins only
# when nothing earlier matched).

# Callers may raise it (tests do, to see the message); never lower than 25.
QUETZAL_JDK_MIN=${QUETZAL_JDK_MIN:-25}
[ "$QUETZAL_JDK_MIN" -ge 25 ] 2>/dev/null || QUETZAL_JDK_MIN=25

# Prints the feature version of the java at $1 ("25" for 25.0.3, "8" for 1.8.0), or nothing.
quetzal_java_major() {
  [ -x "$1" ] || return 1
  _qv=$("$1" -version 2>&1 | sed -n 's/^[^"]*version "\([^"]*\)".*/\1/p' | head -n 1)
  case "$_qv" in
    1.*) _qv=${_qv#1.} ;;
  esac
  _qv=${_qv%%[!0-9]*}
  [ -n "$_qv" ] && printf '%s\n' "$_qv"
}

# Succeeds when the JDK home $1 has a java of at least QUETZAL_JDK_MIN and a javac (a JDK, not a JRE).
quetzal_is_jdk25() {
  [ -n "$1" ] && [ -x "$1/bin/javac" ] || return 1
  _qm=$(quetzal_java_major "$1/bin/java") || return 1
  [ -n "$_qm" ] && [ "$_qm" -ge "$QUETZAL_JDK_MIN" ]
}

quetzal_use_jdk25() {
  if quetzal_is_jdk25 "${JAVA_HOME:-}"; then
    export JAVA_HOME
    return 0
  fi
  # Callers such as mvnw run with `set -f`; the folder patterns below need globbing.
  _qglob_off=0
  case $- in *f*) _qglob_off=1; set +f ;; esac
  _qcands=""
  if _qj=$(command -v java 2>/dev/null); then
    _qj=$(readlink -f "$_qj" 2>/dev/null || printf '%s' "$_qj")
    _qcands="$(dirname "$(dirname "$_qj")")"
  fi
  for _qh in $_qcands \
      /usr/lib/jvm/temurin-25* /usr/lib/jvm/*25* /usr/lib/jvm/* \
      /opt/java/* /opt/jdk* /opt/*jdk* \
      "$HOME"/.sdkman/candidates/java/* "$HOME"/.jdks/* \
      /Library/Java/JavaVirtualMachines/*/Contents/Home \
      /opt/homebrew/opt/openjdk*/libexec/openjdk.jdk/Contents/Home \
      /usr/local/opt/openjdk*/libexec/openjdk.jdk/Contents/Home; do
    if quetzal_is_jdk25 "$_qh"; then
      JAVA_HOME=$_qh
      export JAVA_HOME
      [ "$_qglob_off" = 1 ] && set -f
      return 0
    fi
  done
  [ "$_qglob_off" = 1 ] && set -f
  {
    echo "quetzal: no JDK $QUETZAL_JDK_MIN or newer found. Looked at JAVA_HOME, the java on PATH, /usr/lib/jvm, /opt,"
    echo "~/.sdkman, ~/.jdks and /Library/Java/JavaVirtualMachines."
    echo "Install a JDK $QUETZAL_JDK_MIN, for example Eclipse Temurin $QUETZAL_JDK_MIN:"
    echo "  Debian/Ubuntu: the temurin-$QUETZAL_JDK_MIN-jdk package from the Adoptium apt repository"
    echo "  macOS:         brew install --cask temurin@$QUETZAL_JDK_MIN"
    echo "  SDKMAN:        sdk install java $QUETZAL_JDK_MIN-tem"
    echo "then run this again, or point JAVA_HOME at it."
  } >&2
  return 1
}
