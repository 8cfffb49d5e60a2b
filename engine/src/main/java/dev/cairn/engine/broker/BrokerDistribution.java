package dev.cairn.engine.broker;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Zeebe broker distribution ({@code io.camunda:camunda-zeebe:<version>:tar.gz}), unpacked once
 * and reused. The tarball comes from the local Maven repository (the build puts the default
 * version there) or is downloaded from Maven Central and checked against its SHA-1.
 */
final class BrokerDistribution {

  private static final Logger log = LoggerFactory.getLogger(BrokerDistribution.class);
  private static final String INSTALLED_MARKER = ".cairn-installed";

  private final String version;
  private final Path installDirectory;
  private final URI repository;

  BrokerDistribution(String version, Path installDirectory, URI repository) {
    this.version = version;
    this.installDirectory = installDirectory;
    this.repository = repository;
  }

  /** The unpacked distribution's home (with {@code lib/} and {@code config/}), installing it first if needed. */
  Path home() {
    Path home = installDirectory.resolve("camunda-zeebe-" + version);
    if (Files.exists(home.resolve(INSTALLED_MARKER))) {
      return home;
    }
    try {
      Files.createDirectories(installDirectory);
      // Two Cairns (or test runs) starting at once unpack it only once.
      try (FileChannel lockFile =
              FileChannel.open(installDirectory.resolve(".lock-" + version), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = lockFile.lock()) {
        if (!Files.exists(home.resolve(INSTALLED_MARKER))) {
          install(home);
        }
      }
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot install Zeebe " + version + " into " + installDirectory
              + "; check the disk space, or set cairn.zeebe.embedded.install-directory", e);
    }
  }

  private void install(Path home) throws IOException {
    Path tarball = tarball();
    long started = System.nanoTime();
    Path unpacking = installDirectory.resolve(".unpacking-" + UUID.randomUUID());
    unpack(tarball, unpacking);
    Path unpackedHome;
    try (var entries = Files.list(unpacking)) {
      unpackedHome = entries.filter(Files::isDirectory).findFirst().orElseThrow(() -> new IOException(tarball + " is empty"));
    }
    Files.createFile(unpackedHome.resolve(INSTALLED_MARKER));
    Files.move(unpackedHome, home, StandardCopyOption.ATOMIC_MOVE);
    Files.deleteIfExists(unpacking);
    log.info("Installed Zeebe {} into {} in {} ms", version, home, (System.nanoTime() - started) / 1_000_000);
  }

  private Path tarball() throws IOException {
    String relative = "io/camunda/camunda-zeebe/" + version + "/camunda-zeebe-" + version + ".tar.gz";
    Path local = localMavenRepository().resolve(relative);
    if (Files.isRegularFile(local)) {
      return local;
    }
    Path downloaded = installDirectory.resolve("camunda-zeebe-" + version + ".tar.gz");
    if (!Files.isRegularFile(downloaded)) {
      download(repository.resolve(relative), downloaded);
    }
    return downloaded;
  }

  private static Path localMavenRepository() {
    String configured = System.getProperty("maven.repo.local");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".m2", "repository");
  }

  private void download(URI source, Path target) throws IOException {
    log.info("Downloading Zeebe {} from {}", version, source);
    HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).connectTimeout(Duration.ofSeconds(20)).build();
    Path partial = target.resolveSibling(target.getFileName() + ".part");
    try {
      String expectedSha1 = http.send(HttpRequest.newBuilder(URI.create(source + ".sha1")).build(), HttpResponse.BodyHandlers.ofString())
          .body().strip().split("\\s+")[0];
      HttpResponse<Path> response = http.send(HttpRequest.newBuilder(source).build(), HttpResponse.BodyHandlers.ofFile(partial));
      if (response.statusCode() != 200) {
        throw new IOException("Zeebe " + version + " is not at " + source + " (HTTP " + response.statusCode()
            + "); check cairn.zeebe.embedded.version");
      }
      String actualSha1 = sha1(partial);
      if (!actualSha1.equalsIgnoreCase(expectedSha1)) {
        throw new IOException("the download of " + source + " is corrupt (SHA-1 " + actualSha1 + ", expected " + expectedSha1 + ")");
      }
      Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while downloading " + source, e);
    } finally {
      Files.deleteIfExists(partial);
    }
  }

  private static String sha1(Path file) throws IOException {
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-1"))) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is part of every JDK", e);
    }
  }

  private static void unpack(Path tarball, Path target) throws IOException {
    try (TarArchiveInputStream tar =
        new TarArchiveInputStream(new GzipCompressorInputStream(new BufferedInputStream(Files.newInputStream(tarball))))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = target.resolve(entry.getName()).normalize();
        if (!path.startsWith(target)) {
          throw new IOException("refusing to unpack " + entry.getName() + " outside " + target);
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
          if ((entry.getMode() & 0100) != 0) {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
          }
        }
      }
    }
  }
}
