// Runs in the second, cloned build of routeguide-core: its jar must be byte for byte the jar of
// the main build, or some input of the build (time, order, environment) leaks into the artifact.
def built = new File(basedir, 'target').listFiles().find {
  it.name ==~ /routeguide-core-[^-]+(-SNAPSHOT)?\.jar/
}
assert built != null : "the second build made no routeguide-core jar in ${basedir}/target"
def original = new File(basedir, "../../../../routeguide-core/target/${built.name}").canonicalFile
assert original.isFile() : "no jar of the main build at ${original}"
assert built.bytes == original.bytes :
    "two builds of the same commit gave different jars: ${original} and ${built}"
println "reproducible: ${built.name} is byte-identical in both builds"
return true
