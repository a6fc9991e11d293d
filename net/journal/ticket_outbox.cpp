#include "net/journal/ticket_outbox.hpp"

namespace motcua::net {

class TicketOutbox::Source final : public OutboxSource {
public:
  Source(Journal &journal, TicketSender sender)
      : journal_(journal), sender_(std::move(sender)) {}
  std::string_view what() const override { return "offline ticket"; }
  Result<std::vector<PendingSend>, JournalError> unsent(std::size_t limit) override {
    auto tickets = journal_.unsent_tickets(limit);
    if (!tickets)
      return unexpected(tickets.error());
    std::vector<PendingSend> out;
    for (auto &t : *tickets) {
      std::string id = t.upload.id;
      out.push_back(PendingSend{std::move(id), [this, t = std::move(t)](SendDone done) {
                                  sender_(t, std::move(done));
                                }});
    }
    return out;
  }
  std::optional<JournalError> mark_sent(const std::string &id,
                                        std::int64_t now_ms) override {
    return journal_.mark_ticket_sent(id, now_ms);
  }
  std::optional<JournalError> mark_rejected(const std::string &id, const std::string &why,
                                            std::int64_t now_ms) override {
    return journal_.mark_ticket_rejected(id, why, now_ms);
  }
  Result<std::int64_t, JournalError> prune_settled(std::int64_t before_ms) override {
    return journal_.prune_settled_tickets(before_ms);
  }

private:
  Journal &journal_;
  TicketSender sender_;
};

TicketOutbox::TicketOutbox(Journal &journal, TicketSender sender,
                           std::function<void()> wake, std::function<double()> random,
                           std::function<void(const std::string &)> log,
                           OutboxOptions options)
    : source_(std::make_unique<Source>(journal, std::move(sender))),
      outbox_(*source_, std::move(wake), std::move(random), std::move(log), options) {}

TicketOutbox::~TicketOutbox() = default;

SendResult to_send_result(const OfflineTicketResult &r) {
  if (r.status == 200 || r.status == 201)
    return {true, true, r.status, r.status == 201 ? "stored" : "stored before"};
  std::string why = r.error ? r.error->code + ": " + r.error->message : "refused";
  return {false, true, r.status, std::move(why)};
}

} // namespace motcua::net
