package dev.montazz.portal.video;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import dev.montazz.contract.GridFsBuckets;
import dev.montazz.contract.render.RenderView;
import dev.montazz.portal.edit.FilmEditor;
import dev.montazz.portal.montage.MontageCatalog;
import dev.montazz.security.CurrentUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.bson.types.ObjectId;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.http.CacheControl;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves a montage's film for the player (Range requests answered with 206 by Spring MVC, so seeking works) and as a
 * download, and its stills. The ETag is the file's id, and pages link with {@code ?v=<id>}: such a link names one
 * render's file and may be cached for long, while a link without it (or with an old id) is revalidated every time, so
 * a re-render is never hidden behind a cached film.
 */
@Controller
class VideoController {

    private final MontageCatalog catalog;
    private final MongoDatabaseFactory mongo;
    private final FilmEditor editor;
    private final FilmCopies copies;

    VideoController(MontageCatalog catalog, MongoDatabaseFactory mongo, FilmEditor editor, FilmCopies copies) {
        this.catalog = catalog;
        this.mongo = mongo;
        this.editor = editor;
        this.copies = copies;
    }

    @GetMapping("/montages/{id}/video.mp4")
    ResponseEntity<Resource> video(@PathVariable String id, @RequestParam(defaultValue = "false") boolean download,
            @RequestParam(name = "v", required = false) String version, CurrentUser user, HttpServletRequest request,
            HttpServletResponse servletResponse) {
        RenderView render = catalog.render(id, user).filter(RenderView::playable).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Montage " + id + " has no film yet"));
        StoredFilm film = StoredFilm.of(mongo.getMongoDatabase(), render).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "The film of montage " + id + " is gone"));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.parseMediaType("video/mp4"));
        headers.setETag("\"" + render.videoId() + "\"");
        headers.setLastModified(film.lastModified());
        headers.setCacheControl(caching(render.videoId(), version));
        if (download) {
            headers.setContentDisposition(ContentDisposition.attachment()
                    .filename(fileName(film.getFilename()), StandardCharsets.UTF_8).build());
        }
        Optional<Path> copy = copies.of(id, film);
        if (copy.isPresent() && FileSender.send(request, servletResponse, copy.get(), film.contentLength(), headers)) {
            return null;
        }
        return ResponseEntity.ok().headers(headers).body(copy.<Resource>map(FileSystemResource::new).orElse(film));
    }

    /** A still of the film for cards and the player. */
    @GetMapping("/montages/{id}/poster.jpg")
    ResponseEntity<Resource> poster(@PathVariable String id, @RequestParam(name = "v", required = false) String version,
            CurrentUser user) {
        RenderView render = catalog.render(id, user).filter(r -> r.thumbnailId() != null).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Montage " + id + " has no poster yet"));
        return still(render.thumbnailId(), version, "The poster of montage " + id + " is gone");
    }

    /** A still of one shot, for the list of shots on the watch page. */
    @GetMapping("/montages/{id}/shots/{index}.jpg")
    ResponseEntity<Resource> shotStill(@PathVariable String id, @PathVariable int index,
            @RequestParam(name = "v", required = false) String version, CurrentUser user) {
        RenderView render = catalog.render(id, user).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Montage " + id + " has no shots yet"));
        if (index < 0 || index >= render.shots().size() || render.shots().get(index).thumbnailId() == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "Montage " + id + " has no shot " + index);
        }
        return still(render.shots().get(index).thumbnailId(), version, "That still is gone");
    }

    /** The whole take behind a shot, for its owner to choose a trim while watching it (Range answered as for films). */
    @GetMapping("/montages/{id}/takes/{shot}.mp4")
    ResponseEntity<Resource> take(@PathVariable String id, @PathVariable String shot, CurrentUser user) {
        String normalisedId = editor.takeFileOf(id, user, shot);
        GridFSBucket bucket = GridFSBuckets.create(mongo.getMongoDatabase(), GridFsBuckets.NORMALISED);
        GridFSFile file = normalisedId == null || !ObjectId.isValid(normalisedId) ? null
                : bucket.find(Filters.eq("_id", new ObjectId(normalisedId))).first();
        if (file == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "That shot is still being prepared");
        }
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("video/mp4")).eTag(normalisedId)
                .cacheControl(CacheControl.noCache().cachePrivate()).body(new StoredFile(bucket, file));
    }

    /** The film's shots as a WebVTT chapters track, for the player on the watch page. */
    @GetMapping("/montages/{id}/chapters.vtt")
    ResponseEntity<String> chapters(@PathVariable String id,
            @RequestParam(name = "v", required = false) String version, CurrentUser user) {
        RenderView render = catalog.render(id, user).filter(RenderView::playable).orElseThrow(
                () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "Montage " + id + " has no film yet"));
        return ResponseEntity.ok().contentType(new MediaType("text", "vtt", StandardCharsets.UTF_8))
                .eTag(render.videoId()).cacheControl(caching(render.videoId(), version))
                .body(ChapterTrack.of(render.shots()));
    }

    /** A still of any of the montage's shots, those left out of the film too, for its owner's editor. */
    @GetMapping("/montages/{id}/takes/{shot}.jpg")
    ResponseEntity<Resource> takeStill(@PathVariable String id, @PathVariable String shot,
            @RequestParam(name = "v", required = false) String version, CurrentUser user) {
        String thumbnailId = editor.stillOf(id, user, shot);
        if (thumbnailId == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "That shot has no still yet");
        }
        return still(thumbnailId, version, "That still is gone");
    }

    private ResponseEntity<Resource> still(String thumbnailId, String version, String gone) {
        GridFSBucket bucket = GridFSBuckets.create(mongo.getMongoDatabase(), GridFsBuckets.THUMBNAILS);
        GridFSFile file = bucket.find(Filters.eq("_id", new ObjectId(thumbnailId))).first();
        if (file == null) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, gone);
        }
        return ResponseEntity.ok().contentType(MediaType.IMAGE_JPEG).eTag(thumbnailId)
                .cacheControl(caching(thumbnailId, version)).body(new StoredFile(bucket, file));
    }

    /** Long for a link naming this very file; otherwise always revalidated (cheap: 304 on the ETag). */
    private static CacheControl caching(String fileId, String version) {
        return fileId.equals(version) ? CacheControl.maxAge(1, TimeUnit.DAYS).cachePrivate()
                : CacheControl.noCache().cachePrivate();
    }

    /** A name every file system accepts: letters of any alphabet, digits, spaces, dots and dashes. */
    static String fileName(String title) {
        return FileNames.stem(title == null ? null : title.replaceAll("(?i)\\.mp4$", "")) + ".mp4";
    }
}
