package dev.corvid.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import net.ravendb.client.documents.IDocumentStore;
import net.ravendb.client.documents.operations.DetailedDatabaseStatistics;
import net.ravendb.client.documents.operations.GetDetailedStatisticsOperation;
import net.ravendb.client.documents.operations.attachments.AttachmentName;
import net.ravendb.client.documents.operations.attachments.CloseableAttachmentResult;
import net.ravendb.client.documents.session.IDocumentSession;
import org.junit.jupiter.api.Test;

class AttachmentsIT extends ServerFixture {

    @Test
    void storeGetListAndDeleteAttachmentsThroughTheSession() throws Exception {
        byte[] photo = "not really a jpeg".getBytes(StandardCharsets.UTF_8);
        try (IDocumentStore store = newDatabase()) {
            try (IDocumentSession session = store.openSession()) {
                User user = new User("John", 30);
                session.store(user, "users/1");
                session.advanced().attachments().store(user, "photo.jpg", new ByteArrayInputStream(photo), "image/jpeg");
                session.advanced().attachments().store(user, "notes.txt",
                        new ByteArrayInputStream("hello".getBytes(StandardCharsets.UTF_8)), "text/plain");
                session.saveChanges();
            }
            try (IDocumentSession session = store.openSession()) {
                User user = session.load(User.class, "users/1");
                AttachmentName[] names = session.advanced().attachments().getNames(user);
                assertThat(names).extracting(AttachmentName::getName).containsExactly("notes.txt", "photo.jpg");
                assertThat(names).filteredOn(n -> n.getName().equals("photo.jpg")).singleElement()
                        .satisfies(n -> {
                            assertThat(n.getContentType()).isEqualTo("image/jpeg");
                            assertThat(n.getSize()).isEqualTo(photo.length);
                        });
                try (CloseableAttachmentResult result = session.advanced().attachments().get(user, "photo.jpg")) {
                    assertThat(result.getData().readAllBytes()).isEqualTo(photo);
                    assertThat(result.getDetails().getContentType()).isEqualTo("image/jpeg");
                }
                assertThat(session.advanced().attachments().exists("users/1", "photo.jpg")).isTrue();
                user.setAge(31);
                session.saveChanges();
            }
            try (IDocumentSession session = store.openSession()) {
                User user = session.load(User.class, "users/1");
                assertThat(session.advanced().attachments().getNames(user)).as("an update keeps attachments").hasSize(2);
                session.advanced().attachments().delete(user, "photo.jpg");
                session.saveChanges();
            }
            try (IDocumentSession session = store.openSession()) {
                assertThat(session.advanced().attachments().get("users/1", "photo.jpg")).isNull();
                assertThat(session.advanced().attachments().getNames(session.load(User.class, "users/1"))).hasSize(1);
            }
            DetailedDatabaseStatistics stats = store.maintenance().send(new GetDetailedStatisticsOperation());
            assertThat(stats.getCountOfAttachments()).isEqualTo(1);
        }
    }

    @Test
    void attachmentOperationsOutsideTheSession() throws Exception {
        try (IDocumentStore store = newDatabase()) {
            try (IDocumentSession session = store.openSession()) {
                session.store(new User("Jane", 28), "users/2");
                session.saveChanges();
            }
            store.operations().send(new net.ravendb.client.documents.operations.attachments.PutAttachmentOperation(
                    "users/2", "a.bin", new ByteArrayInputStream(new byte[] {1, 2, 3}), "application/octet-stream"));
            try (CloseableAttachmentResult result = store.operations().send(
                    new net.ravendb.client.documents.operations.attachments.GetAttachmentOperation(
                            "users/2", "a.bin", net.ravendb.client.documents.attachments.AttachmentType.DOCUMENT, null))) {
                assertThat(result.getData().readAllBytes()).containsExactly(1, 2, 3);
                assertThat(result.getDetails().getSize()).isEqualTo(3);
            }
            store.operations().send(new net.ravendb.client.documents.operations.attachments.DeleteAttachmentOperation("users/2", "a.bin"));
            try (IDocumentSession session = store.openSession()) {
                assertThat(session.advanced().attachments().exists("users/2", "a.bin")).isFalse();
            }
        }
    }
}
