// Runs after the second, cloned build of routeguide-core: its jar must be byte for byte the jar
// of the main build, or some input of the build (time, order, environment) leaks into the
// artifact. The invoker passes both target directories (see the pom's scriptVariables).
def jarIn = { File dir ->
  dir.listFiles()?.find { it.name ==~ /routeguide-core-[^-]+(-SNAPSHOT)?\.jar/ }
}
def built = jarIn(new File(secondBuild))
assert built != null : "the second build made no routeguide-core jar in ${secondBuild}"
def original = jarIn(new File(firstBuild).canonicalFile)
assert original != null : "no routeguide-core jar of the main build in ${firstBuild}"
assert built.name == original.name
assert built.bytes == original.bytes :
    "two builds of the same commit gave different jars: ${original} and ${built}"
println "reproducible: ${built.name} is byte-identical in both builds (${built.length()} bytes)"
return true
